//! Worst-fit (spread): among hosts that fit, the one with the most free
//! capacity in the primary dimension; ties go to the lowest index.
//!
//! A max tree over hosts (leaves in index order) answers it by branch and
//! bound. A plain per-dimension maximum bounds a subtree badly in 2-D: the
//! host with the most free memory is often one with too little CPU left, so
//! the search keeps opening subtrees that hold no fitting host. So each
//! tree node also keeps, for K thresholds t₀ < t₁ < … on the secondary
//! dimension s (CPU when the primary is memory or disk, else memory), the
//! largest free amount in the primary dimension among its hosts whose free
//! amount in s is at least tⱼ. For a demand d, with tⱼ the largest threshold
//! ≤ d[s], every host that fits has free[s] ≥ d[s] ≥ tⱼ, so that value bounds
//! the subtree's answer from above (with no threshold ≤ d[s], the plain
//! maximum of free[p] does): the search stays exact (it only skips
//! subtrees that cannot hold a better host, or an equal one at a lower
//! index). The thresholds come from the workloads' own secondary demands
//! (see `thresholds`), so for a mix with few distinct sizes the bound is the
//! answer itself and a query descends straight to its host.
//!
//! Spreading walks the hosts: while the root's bound stays the same, each
//! answer lies right of the previous one for the same threshold, so the
//! search climbs from there (as first-fit's hints do) instead of descending
//! from the root, touching a few nodes that are still in cache. A node is
//! eight u32 (three maxima, five bounds): 32 bytes, never split across cache lines.

use super::{fits, Policy, Vec3};

/// Positive thresholds per node (from the demands, see `thresholds`).
pub const K: usize = 5;
/// Values per node: the per-dimension maxima, then one bound per threshold.
const V: usize = 3 + K;

/// v[0..3]: per-dimension maximum free amount (a host that fits needs each
/// ≥ d); v[3 + j]: max free[p] over the node's hosts with free[s] ≥ t[j], 0
/// if none. (The bound for threshold 0 would be v[p] itself.) Eight u32,
/// 32-byte aligned: a node never straddles two cache lines, and a join is one loop.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
struct Node {
    v: [u32; V],
}

pub struct WorstFit {
    primary: usize,
    secondary: usize,
    /// Ascending; unused slots repeat the last threshold (u32::MAX if none).
    t: [u32; K],
    size: usize,
    n: usize,
    /// A leaf's maxima are its host's free vector (0 once retired).
    node: Vec<Node>,
    free: Vec<Vec3>,
    /// The search's stack, kept to avoid an allocation per query.
    stack: Vec<(usize, usize, usize)>,
    /// Per node value k (a bound or a maximum): (v, h) such that every host
    /// left of h has a value below v there (values only fall, so this stays
    /// true; h = 0 claims nothing).
    hint: [(u32, usize); V],
}

/// The secondary dimension for a primary one.
pub fn secondary(primary: usize) -> usize {
    if primary == 0 {
        1
    } else {
        0
    }
}

/// Up to K positive thresholds from demands on the secondary dimension,
/// ascending: all distinct values if few, else evenly spaced quantiles. Any
/// thresholds keep worst-fit exact; these only make its bound tight.
pub fn thresholds(secondary_demands: &mut Vec<u32>) -> Vec<u32> {
    let v = secondary_demands;
    v.retain(|&x| x > 0);
    v.sort_unstable();
    v.dedup();
    if v.len() <= K {
        return v.clone();
    }
    let mut out: Vec<u32> = (1..=K).map(|j| v[j * (v.len() - 1) / K]).collect();
    out.dedup();
    out
}

impl WorstFit {
    /// `ts`: positive thresholds on the secondary dimension (any; see
    /// `thresholds`); more than K are cut to the first K.
    pub fn new(free: &[Vec3], primary: usize, ts: &[u32]) -> WorstFit {
        let mut t = [u32::MAX; K];
        let mut sorted: Vec<u32> = ts.iter().copied().filter(|&x| x > 0).collect();
        sorted.sort_unstable();
        sorted.dedup();
        for (j, &x) in sorted.iter().take(K).enumerate() {
            t[j] = x;
        }
        for j in sorted.len().clamp(1, K)..K {
            t[j] = t[j - 1];
        }
        let n = free.len();
        let size = n.max(1).next_power_of_two();
        let mut w = WorstFit {
            primary,
            secondary: secondary(primary),
            t,
            size,
            n,
            node: vec![Node::default(); 2 * size],
            free: free.to_vec(),
            stack: Vec::with_capacity(64),
            hint: [(0, 0); V],
        };
        for (h, f) in free.iter().enumerate() {
            w.node[size + h] = w.leaf(f);
        }
        for i in (1..size).rev() {
            w.node[i] = join(&w.node[2 * i], &w.node[2 * i + 1]);
        }
        w
    }

    #[inline]
    fn leaf(&self, f: &Vec3) -> Node {
        let mut v = [0u32; V];
        v[..3].copy_from_slice(f);
        for j in 0..K {
            v[3 + j] = if f[self.secondary] >= self.t[j] {
                f[self.primary]
            } else {
                0
            };
        }
        Node { v }
    }

    /// Sets host `h`'s leaf to free vector `f` and fixes its ancestors.
    fn update(&mut self, h: usize, f: &Vec3) {
        let mut i = self.size + h;
        self.node[i] = self.leaf(f);
        while i > 1 {
            i >>= 1;
            let b = join(&self.node[2 * i], &self.node[2 * i + 1]);
            if same(&self.node[i], &b) {
                break; // ancestors above are unchanged too
            }
            self.node[i] = b;
        }
    }

    /// The host worst-fit chooses for `d`, or None.
    pub fn choose(&mut self, d: &Vec3) -> Option<usize> {
        if self.n == 0 {
            return None;
        }
        let p = self.primary;
        // The value to bound by: the one for the largest threshold ≤ d[s],
        // or the plain maximum of free[p] if there is none.
        let mut k = p;
        for j in 0..K {
            if self.t[j] <= d[self.secondary] {
                k = 3 + j;
            }
        }
        // Fast path: the leftmost host attaining the root's bound. If it
        // fits, it is the answer: every host that fits has free[s] ≥ t[j], so
        // its free[p] ≤ that bound, and any other host attaining the bound
        // lies to the right.
        let top = self.node[1].v[k];
        if top < d[p] {
            return None;
        }
        let (hv, hh) = self.hint[k];
        let mut i = 1;
        if hv == top && hh > 0 && hh < self.n {
            let leaf = self.size + hh;
            if self.node[leaf].v[k] == top {
                i = leaf;
            } else {
                let mut j = leaf;
                loop {
                    if j & 1 == 0 && self.node[j + 1].v[k] == top {
                        i = j + 1;
                        break;
                    }
                    j >>= 1;
                    if j <= 1 {
                        break;
                    }
                }
            }
        }
        while i < self.size {
            i = if self.node[2 * i].v[k] == top {
                2 * i
            } else {
                2 * i + 1
            };
        }
        let h = i - self.size;
        self.hint[k] = (top, h);
        if h < self.n && fits(&vec3(&self.node[i]), d) {
            return Some(h);
        }
        self.search(d, k)
    }

    /// The general branch and bound (when the bound's host does not fit,
    /// e.g. it lacks a third dimension or its free[s] lies between t[k] and
    /// d[s]).
    fn search(&mut self, d: &Vec3, k: usize) -> Option<usize> {
        let p = self.primary;
        let mut best: Option<(u32, usize)> = None;
        // Explicit stack of (node, lo, width); depth ≤ log2(size) + 2.
        let mut stack = std::mem::take(&mut self.stack);
        stack.clear();
        stack.push((1, 0, self.size));
        while let Some((i, lo, width)) = stack.pop() {
            let bound = self.node[i].v[k];
            if lo >= self.n || !fits(&vec3(&self.node[i]), d) || bound < d[p] {
                continue;
            }
            if let Some((bv, bi)) = best {
                if bound < bv || (bound == bv && lo > bi) {
                    continue;
                }
            }
            if i >= self.size {
                // A leaf's m is the host's free vector: it fits.
                best = Some((self.node[i].v[p], lo));
                continue;
            }
            let half = width / 2;
            let (l, r) = (2 * i, 2 * i + 1);
            // Push the less promising child first so the better one pops first.
            if self.node[r].v[k] > self.node[l].v[k] {
                stack.push((l, lo, half));
                stack.push((r, lo + half, half));
            } else {
                stack.push((r, lo + half, half));
                stack.push((l, lo, half));
            }
        }
        self.stack = stack;
        best.map(|(_, i)| i)
    }
}

/// Node equality field by field: the derived `==` on arrays compiles to a
/// memcmp call in wasm (as in tree.rs).
#[inline]
fn same(a: &Node, b: &Node) -> bool {
    let mut eq = true;
    for j in 0..V {
        eq &= a.v[j] == b.v[j];
    }
    eq
}

#[inline]
fn join(a: &Node, b: &Node) -> Node {
    let mut v = [0u32; V];
    for (j, x) in v.iter_mut().enumerate() {
        *x = a.v[j].max(b.v[j]);
    }
    Node { v }
}

/// The per-dimension maxima (at a leaf, the host's free vector).
#[inline]
fn vec3(a: &Node) -> Vec3 {
    [a.v[0], a.v[1], a.v[2]]
}

impl Policy for WorstFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let h = self.choose(d)?;
        let mut f = self.free[h];
        for k in 0..3 {
            f[k] -= d[k];
        }
        self.free[h] = f;
        self.update(h, &f);
        Some(h)
    }
    fn free(&self, h: usize) -> Vec3 {
        self.free[h]
    }
    fn retire(&mut self, h: usize) {
        self.update(h, &[0; 3]);
    }
}

//! Worst-fit (spread): among hosts that fit, the one with the most free
//! capacity in the primary dimension; ties go to the lowest index.
//!
//! A max tree over hosts (leaves in index order) answers it by branch and
//! bound. A plain per-dimension maximum bounds a subtree badly in 2-D: the
//! host with the most free memory is often one with too little CPU left, so
//! the search keeps opening subtrees that hold no fitting host. So each
//! tree node also keeps, for K thresholds t₀ = 0 < t₁ < … on the secondary
//! dimension s (CPU when the primary is memory or disk, else memory), the
//! largest free amount in the primary dimension among its hosts whose free
//! amount in s is at least tₖ. For a demand d, with tₖ the largest threshold
//! ≤ d[s], every host that fits has free[s] ≥ d[s] ≥ tₖ, so that value bounds
//! the subtree's answer from above: the search stays exact (it only skips
//! subtrees that cannot hold a better host, or an equal one at a lower
//! index). The thresholds come from the workloads' own secondary demands
//! (see `thresholds`), so for a mix with few distinct sizes the bound is the
//! answer itself and a query descends straight to its host.

use super::{fits, Policy, Vec3};

/// Thresholds per node (t₀ = 0 plus up to K − 1 from the demands).
pub const K: usize = 8;

/// A node's bounds: best[k] = max free[p] over its hosts with free[s] ≥
/// t[k]; 0 if none. 32-byte aligned, so siblings share a cache line: the
/// descent reads nothing else.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
struct Node {
    best: [u32; K],
}

pub struct WorstFit {
    primary: usize,
    secondary: usize,
    /// Ascending, t[0] = 0; unused slots repeat the last threshold.
    t: [u32; K],
    size: usize,
    n: usize,
    node: Vec<Node>,
    /// Per node, the per-dimension maximum free amount (a host that fits
    /// needs each ≥ d); at a leaf, the host's free vector (0 once retired).
    /// Apart from `node`: only the general search and updates read it.
    m: Vec<Vec3>,
    free: Vec<Vec3>,
    /// The search's stack, kept to avoid an allocation per query.
    stack: Vec<(usize, usize, usize)>,
    /// Per threshold k: (v, h) such that every host left of h has a bound
    /// below v in class k (values only fall, so this stays true).
    hint: [(u32, usize); K],
}

/// The secondary dimension for a primary one.
pub fn secondary(primary: usize) -> usize {
    if primary == 0 { 1 } else { 0 }
}

/// Up to K − 1 positive thresholds from demands on the secondary dimension,
/// ascending: all distinct values if few, else evenly spaced quantiles. Any
/// thresholds keep worst-fit exact; these only make its bound tight.
pub fn thresholds(secondary_demands: &mut Vec<u32>) -> Vec<u32> {
    let v = secondary_demands;
    v.retain(|&x| x > 0);
    v.sort_unstable();
    v.dedup();
    if v.len() < K {
        return v.clone();
    }
    let mut out: Vec<u32> = (1..K).map(|j| v[j * (v.len() - 1) / (K - 1)]).collect();
    out.dedup();
    out
}

impl WorstFit {
    /// `ts`: positive thresholds on the secondary dimension (any; see
    /// `thresholds`); more than K − 1 are cut to the first K − 1.
    pub fn new(free: &[Vec3], primary: usize, ts: &[u32]) -> WorstFit {
        let mut t = [0u32; K];
        let mut sorted: Vec<u32> = ts.iter().copied().filter(|&x| x > 0).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut k = 1;
        for &x in sorted.iter().take(K - 1) {
            t[k] = x;
            k += 1;
        }
        for j in k..K {
            t[j] = t[k - 1];
        }
        let n = free.len();
        let size = n.max(1).next_power_of_two();
        let mut w = WorstFit { primary, secondary: secondary(primary), t, size, n, node: vec![Node::default(); 2 * size], m: vec![[0; 3]; 2 * size], free: free.to_vec(), stack: Vec::with_capacity(64), hint: [(0, 0); K] };
        for h in 0..n {
            w.node[size + h] = w.leaf(&free[h]);
            w.m[size + h] = free[h];
        }
        for i in (1..size).rev() {
            w.node[i] = join(&w.node[2 * i], &w.node[2 * i + 1]);
            w.m[i] = max3(&w.m[2 * i], &w.m[2 * i + 1]);
        }
        w
    }

    #[inline]
    fn leaf(&self, f: &Vec3) -> Node {
        let mut best = [0u32; K];
        for k in 0..K {
            best[k] = if f[self.secondary] >= self.t[k] { f[self.primary] } else { 0 };
        }
        Node { best }
    }

    /// Sets host `h`'s leaf to free vector `f` and fixes its ancestors.
    fn update(&mut self, h: usize, f: &Vec3) {
        let mut i = self.size + h;
        self.node[i] = self.leaf(f);
        self.m[i] = *f;
        while i > 1 {
            i >>= 1;
            let b = join(&self.node[2 * i], &self.node[2 * i + 1]);
            let m = max3(&self.m[2 * i], &self.m[2 * i + 1]);
            if same(&self.node[i], &b) && super::same3(&self.m[i], &m) {
                break; // ancestors above are unchanged too
            }
            self.node[i] = b;
            self.m[i] = m;
        }
    }

    /// The host worst-fit chooses for `d`, or None.
    pub fn choose(&mut self, d: &Vec3) -> Option<usize> {
        if self.n == 0 {
            return None;
        }
        // Largest threshold ≤ d[s] (t[0] = 0 always qualifies).
        let mut k = 0;
        while k + 1 < K && self.t[k + 1] <= d[self.secondary] {
            k += 1;
        }
        let p = self.primary;
        // Fast path: the leftmost host attaining the root's bound. If it
        // fits, it is the answer: every host that fits has free[s] ≥ t[k], so
        // its free[p] ≤ that bound, and any other host attaining the bound
        // lies to the right.
        let top = self.node[1].best[k];
        if top < d[p] {
            return None;
        }
        let (hv, hh) = self.hint[k];
        let mut i = 1;
        if hv == top && hh > 0 && hh < self.n {
            let leaf = self.size + hh;
            if self.node[leaf].best[k] == top {
                i = leaf;
            } else {
                let mut j = leaf;
                loop {
                    if j & 1 == 0 && self.node[j + 1].best[k] == top {
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
            i = if self.node[2 * i].best[k] == top { 2 * i } else { 2 * i + 1 };
        }
        let h = i - self.size;
        self.hint[k] = (top, h);
        if h < self.n && fits(&self.m[i], d) {
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
            let bound = self.node[i].best[k];
            if lo >= self.n || !fits(&self.m[i], d) || bound < d[p] {
                continue;
            }
            if let Some((bv, bi)) = best {
                if bound < bv || (bound == bv && lo > bi) {
                    continue;
                }
            }
            if i >= self.size {
                // A leaf's m is the host's free vector: it fits.
                best = Some((self.m[i][p], lo));
                continue;
            }
            let half = width / 2;
            let (l, r) = (2 * i, 2 * i + 1);
            // Push the less promising child first so the better one pops first.
            if self.node[r].best[k] > self.node[l].best[k] {
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
    for k in 0..K {
        eq &= a.best[k] == b.best[k];
    }
    eq
}

#[inline]
fn join(a: &Node, b: &Node) -> Node {
    let mut best = [0u32; K];
    for k in 0..K {
        best[k] = a.best[k].max(b.best[k]);
    }
    Node { best }
}

#[inline]
fn max3(a: &Vec3, b: &Vec3) -> Vec3 {
    [a[0].max(b[0]), a[1].max(b[1]), a[2].max(b[2])]
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

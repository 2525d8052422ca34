//! A max segment tree over hosts' free capacity, one maximum per dimension.
//!
//! Leaves are hosts in index order; an inner node holds the per-dimension
//! maximum of its subtree. A subtree whose maximum in some dimension is below
//! the demand cannot hold a fitting host, so the search skips it. In one
//! dimension this gives O(log n) per query. In several dimensions the
//! per-dimension maxima may come from different hosts, so a search can descend
//! into a subtree that turns out empty and must backtrack: still exact (the
//! search visits subtrees left to right and prunes only subtrees that provably
//! hold no fitting host), typically O(log n), O(n) in the worst case.
//!
//! Per-dimension maxima alone prune badly once hosts are half full: a
//! subtree with one host that has CPU left but no memory and another with
//! the reverse looks as if it could take anything. So each node also keeps,
//! for G = 3 aspect ratios r, the maximum over its hosts of
//! min(cpu' · r_cpu, mem' · r_mem), where cpu' and mem' are free amounts
//! scaled to 2^20 of the largest host. Each is monotone in the free vector,
//! so "a host fits d" implies "its value ≥ d's value": another necessary
//! condition, still exact pruning, and hosts whose free vector has the
//! wrong shape for the demand no longer keep a subtree open.

use super::{fits, Vec3};

/// Aspect ratios of the combined keys: cpu weight 2^SHIFTS[j] against memory
/// weight 2^3, i.e. 1:4, 1:1 and 4:1. (Seven ratios from 1:8 to 8:1 pruned no
/// better on the DSLab mix; fewer keys keep a node at 24 bytes.)
const G: usize = 3;
const SHIFTS: [u32; G] = [1, 3, 5];
const SCALE_BITS: u32 = 20;

/// 32-byte aligned (24 bytes of data): siblings 2i and 2i + 1 then share
/// one 64-byte cache line, and the search reads them together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C, align(32))]
struct Node {
    m: Vec3,
    g: [u32; G],
}

pub struct MaxTree {
    /// Number of leaves (a power of two, at least 1).
    size: usize,
    /// Number of real hosts; leaves past it are padding and never chosen.
    n: usize,
    /// Largest usable capacity per dimension (for scaling the keys).
    cmax: [u64; 2],
    /// ⌊2^(SCALE_BITS + 32) / cmax⌋ per dimension: scaling by a multiply
    /// and a shift instead of a 64-bit division (slow, above all in wasm).
    mul: [u64; 2],
    /// Heap layout: node 1 is the root, node i has children 2i and 2i+1.
    node: Vec<Node>,
    /// Each host's true free amounts (a retired host's leaf reads as empty).
    free: Vec<Vec3>,
}

impl MaxTree {
    pub fn new(free: &[Vec3]) -> MaxTree {
        let n = free.len();
        let size = n.max(1).next_power_of_two();
        let mut cmax = [1u64; 2];
        for f in free {
            cmax[0] = cmax[0].max(f[0] as u64);
            cmax[1] = cmax[1].max(f[1] as u64);
        }
        let mul = [
            (1u64 << (SCALE_BITS + 32)) / cmax[0],
            (1u64 << (SCALE_BITS + 32)) / cmax[1],
        ];
        let mut t = MaxTree {
            size,
            n,
            cmax,
            mul,
            node: vec![Node::default(); 2 * size],
            free: free.to_vec(),
        };
        for (h, f) in free.iter().enumerate() {
            t.node[size + h] = t.leaf(f);
        }
        for i in (1..size).rev() {
            t.node[i] = join(&t.node[2 * i], &t.node[2 * i + 1]);
        }
        t
    }

    /// The combined keys of an amount vector (a host's free room or a demand).
    #[inline]
    fn keys(&self, v: &Vec3) -> [u32; G] {
        // Any scaling that is monotone in v and the same for hosts and
        // demands keeps the keys a necessary condition. v is first clamped to
        // cmax + 1 (above every host, so a clamped demand stays unfittable),
        // so the product is < 2^(SCALE_BITS + 33) and the key ≤ 2^(SCALE_BITS + 1).
        let c = ((v[0] as u64).min(self.cmax[0] + 1) * self.mul[0]) >> 32;
        let m = ((v[1] as u64).min(self.cmax[1] + 1) * self.mul[1]) >> 32;
        let c = c as u32;
        let m = m as u32;
        let mut g = [0u32; G];
        for (j, x) in g.iter_mut().enumerate() {
            *x = (c << SHIFTS[j]).min(m << 3);
        }
        g
    }

    #[inline]
    fn leaf(&self, f: &Vec3) -> Node {
        Node {
            m: *f,
            g: self.keys(f),
        }
    }

    #[inline]
    pub fn free(&self, host: usize) -> Vec3 {
        self.free[host]
    }

    /// Takes host `h` out of every future search (the caller knows that no
    /// remaining demand can fit it); its free amounts stay readable.
    pub fn retire(&mut self, h: usize) {
        let mut i = self.size + h;
        self.node[i] = Node::default();
        while i > 1 {
            i >>= 1;
            let m = join(&self.node[2 * i], &self.node[2 * i + 1]);
            if same(&self.node[i], &m) {
                break;
            }
            self.node[i] = m;
        }
    }

    /// Per-dimension maximum free amount over all hosts.
    pub fn root(&self) -> Vec3 {
        self.node[1].m
    }

    /// Leftmost host that fits `d`.
    pub fn first_fit(&self, d: &Vec3) -> Option<usize> {
        self.first_fit_from(0, d)
    }

    /// Leftmost host with index >= `start` that fits `d`. From `start` > 0
    /// the search climbs from that host's leaf to the first subtree to its
    /// right that may fit, then descends: O(log distance) when the answer is
    /// near `start` (first-fit's per-demand hints, next-fit's cursor).
    ///
    /// The speed build inlines this, `descend`, `next_right` and `take` into
    /// the policies' loops: in wasm a call returns the `Option` through
    /// memory and spills every live value (V8 keeps no callee-saved
    /// registers); first-fit of a million workloads went from 87 to 74 ms
    /// with `run`'s single loop.
    #[cfg_attr(feature = "speed", inline(always))]
    pub fn first_fit_from(&self, start: usize, d: &Vec3) -> Option<usize> {
        if start >= self.n {
            return None;
        }
        let q = Query {
            d: *d,
            g: self.keys(d),
        };
        let i = if start == 0 {
            if !q.may_fit(&self.node[1]) {
                return None;
            }
            1
        } else {
            let leaf = self.size + start;
            // At a leaf may_fit is exact (its keys follow from its amounts).
            if q.may_fit(&self.node[leaf]) {
                return Some(start);
            }
            self.next_right(leaf, &q)?
        };
        self.descend(i, &q)
    }

    /// The nearest node right of node `i` (a right sibling of `i` or of one
    /// of its ancestors) that may fit, or None if there is none.
    #[cfg_attr(feature = "speed", inline(always))]
    #[cfg_attr(not(feature = "speed"), inline)]
    fn next_right(&self, mut i: usize, q: &Query) -> Option<usize> {
        loop {
            if i & 1 == 0 && q.may_fit(&self.node[i + 1]) {
                return Some(i + 1);
            }
            i >>= 1;
            if i <= 1 {
                return None; // climbed to the root: nothing to the right
            }
        }
    }

    /// Leftmost fitting host in the subtree of node `i` (which may fit) or,
    /// if it holds none, to the right of it. Subtrees are visited left to
    /// right and pruned only when they provably hold no fitting host.
    #[cfg_attr(feature = "speed", inline(always))]
    fn descend(&self, mut i: usize, q: &Query) -> Option<usize> {
        loop {
            if i >= self.size {
                let h = i - self.size;
                // Padding leaves sit right of every real host.
                return if h < self.n { Some(h) } else { None };
            }
            let l = 2 * i;
            if q.may_fit(&self.node[l]) {
                i = l;
            } else if q.may_fit(&self.node[l + 1]) {
                i = l + 1;
            } else {
                // Neither child holds a fitting host.
                i = self.next_right(i, q)?;
            }
        }
    }

    /// Subtracts `d` from host `h` (the caller checked that it fits).
    #[cfg_attr(feature = "speed", inline(always))]
    pub fn take(&mut self, h: usize, d: &Vec3) {
        let mut i = self.size + h;
        let mut f = self.free[h];
        for k in 0..3 {
            f[k] -= d[k];
        }
        self.free[h] = f;
        self.node[i] = self.leaf(&f);
        while i > 1 {
            i >>= 1;
            let m = join(&self.node[2 * i], &self.node[2 * i + 1]);
            if same(&self.node[i], &m) {
                break; // ancestors above are unchanged too
            }
            self.node[i] = m;
        }
    }
}

/// Node equality field by field: the derived `==` on arrays compiles to a
/// memcmp call in wasm, which cost more than the rest of an update.
#[inline]
fn same(a: &Node, b: &Node) -> bool {
    let mut eq = super::same3(&a.m, &b.m);
    for j in 0..G {
        eq &= a.g[j] == b.g[j];
    }
    eq
}

#[inline]
fn join(a: &Node, b: &Node) -> Node {
    let mut g = [0u32; G];
    for (j, x) in g.iter_mut().enumerate() {
        *x = a.g[j].max(b.g[j]);
    }
    Node {
        m: [a.m[0].max(b.m[0]), a.m[1].max(b.m[1]), a.m[2].max(b.m[2])],
        g,
    }
}

struct Query {
    d: Vec3,
    g: [u32; G],
}

impl Query {
    /// Necessary (not sufficient, above the leaves) for a host in the subtree to fit.
    #[inline]
    fn may_fit(&self, node: &Node) -> bool {
        if !fits(&node.m, &self.d) {
            return false;
        }
        for j in 0..G {
            if node.g[j] < self.g[j] {
                return false;
            }
        }
        true
    }
}

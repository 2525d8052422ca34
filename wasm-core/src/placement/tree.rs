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

use super::{fits, Vec3};

pub struct MaxTree {
    /// Number of leaves (a power of two, at least 1).
    size: usize,
    /// Number of real hosts; leaves past it are padding and never chosen.
    n: usize,
    /// Heap layout: node 1 is the root, node i has children 2i and 2i+1.
    node: Vec<Vec3>,
}

impl MaxTree {
    pub fn new(free: &[Vec3]) -> MaxTree {
        let n = free.len();
        let size = n.max(1).next_power_of_two();
        let mut node = vec![[0u32; 3]; 2 * size];
        node[size..size + n].copy_from_slice(free);
        for i in (1..size).rev() {
            node[i] = max3(&node[2 * i], &node[2 * i + 1]);
        }
        MaxTree { size, n, node }
    }

    #[inline]
    pub fn free(&self, host: usize) -> Vec3 {
        self.node[self.size + host]
    }

    /// Per-dimension maximum free amount over all hosts.
    pub fn root(&self) -> Vec3 {
        self.node[1]
    }

    /// Leftmost host that fits `d`.
    pub fn first_fit(&self, d: &Vec3) -> Option<usize> {
        self.first_fit_from(0, d)
    }

    /// Leftmost host with index >= `start` that fits `d`.
    pub fn first_fit_from(&self, start: usize, d: &Vec3) -> Option<usize> {
        if start >= self.n || !fits(&self.node[1], d) {
            return None;
        }
        let mut i = 1usize;
        // Range of node i is [lo, lo + width).
        let mut lo = 0usize;
        let mut width = self.size;
        loop {
            if i >= self.size {
                return if lo < self.n { Some(lo) } else { None };
            }
            let half = width / 2;
            let l = 2 * i;
            if lo + half > start && fits(&self.node[l], d) {
                i = l;
                width = half;
                continue;
            }
            if fits(&self.node[l + 1], d) {
                i = l + 1;
                lo += half;
                width = half;
                continue;
            }
            // Neither child holds a fitting host: climb to the nearest
            // ancestor we entered from the left whose right sibling may fit.
            loop {
                if i == 1 {
                    return None;
                }
                if i & 1 == 0 && fits(&self.node[i + 1], d) {
                    i += 1;
                    lo += width;
                    break;
                }
                if i & 1 == 1 {
                    lo -= width;
                }
                i >>= 1;
                width *= 2;
            }
        }
    }

    /// Host with the largest free amount in dimension `p` among hosts that
    /// fit `d`; ties go to the lowest index. Branch and bound: subtrees that
    /// cannot fit, or cannot beat the best found so far, are skipped.
    pub fn worst_fit(&self, d: &Vec3, p: usize) -> Option<usize> {
        if self.n == 0 || !fits(&self.node[1], d) {
            return None;
        }
        let mut best: Option<(u32, usize)> = None;
        // Explicit stack of (node, lo, width); depth ≤ 2·log2(size) + 2.
        let mut stack: Vec<(usize, usize, usize)> = Vec::with_capacity(64);
        stack.push((1, 0, self.size));
        while let Some((i, lo, width)) = stack.pop() {
            let m = &self.node[i];
            if lo >= self.n || !fits(m, d) {
                continue;
            }
            if let Some((bv, bi)) = best {
                if m[p] < bv || (m[p] == bv && lo > bi) {
                    continue;
                }
            }
            if i >= self.size {
                best = Some((m[p], lo));
                continue;
            }
            let half = width / 2;
            let (l, r) = (2 * i, 2 * i + 1);
            // Push the less promising child first so the better one pops first.
            if self.node[r][p] > self.node[l][p] {
                stack.push((l, lo, half));
                stack.push((r, lo + half, half));
            } else {
                stack.push((r, lo + half, half));
                stack.push((l, lo, half));
            }
        }
        best.map(|(_, i)| i)
    }

    /// Subtracts `d` from host `h` (the caller checked that it fits).
    pub fn take(&mut self, h: usize, d: &Vec3) {
        let mut i = self.size + h;
        let leaf = &mut self.node[i];
        for k in 0..3 {
            leaf[k] -= d[k];
        }
        while i > 1 {
            i >>= 1;
            let m = max3(&self.node[2 * i], &self.node[2 * i + 1]);
            if self.node[i] == m {
                break; // ancestors above are unchanged too
            }
            self.node[i] = m;
        }
    }
}

#[inline]
fn max3(a: &Vec3, b: &Vec3) -> Vec3 {
    [a[0].max(b[0]), a[1].max(b[1]), a[2].max(b[2])]
}

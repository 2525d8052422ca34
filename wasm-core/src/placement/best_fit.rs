//! Best-fit: among hosts that fit, the one left with the least free capacity
//! in the primary dimension after placement (equivalently, the least free
//! before it, since the demand is the same for every host); ties go to the
//! lowest index.
//!
//! Hosts sit in an ordered set keyed by (free in the primary dimension,
//! index), packed into one u64. The answer is the first key at or above
//! (demand, 0) whose host also fits in the other dimensions: O(log n) to find
//! the start, plus one step per host skipped because another dimension is
//! short (none in one dimension).
//!
//! The set is a B+-tree kept in flat arrays: nodes of up to B = 12 keys in
//! one Vec, reused through a free list, so a placement allocates nothing
//! (the standard BTreeSet allocates and frees nodes as keys move, and its
//! speed in wasm then depends on the allocator's state; this tree is also
//! smaller code). A placement only lowers its host's key; when the key stays
//! in its leaf it is moved in place, else taken out and inserted again.

use super::{fits, Policy, Vec3};

/// Keys per node (12 measured fastest in wasm against 8 and 16).
const B: usize = 12;
/// Keys per node when building from sorted keys: full. Most hosts' keys do
/// not move until their host is first used, and a packed tree is smaller,
/// so more of it stays in cache; a full node splits on its first insert.
const FILL: usize = B;

/// A leaf holds keys; an inner node holds, per child, the largest key in
/// the child's subtree (so the first entry ≥ x leads to the first key ≥ x).
#[derive(Clone, Copy)]
struct Node {
    len: usize,
    key: [u64; B],
    child: [u32; B],
}

const EMPTY: Node = Node {
    len: 0,
    key: [0; B],
    child: [0; B],
};

pub struct BestFit {
    free: Vec<Vec3>,
    primary: usize,
    nodes: Vec<Node>,
    /// Unused slots in `nodes`.
    spare: Vec<u32>,
    root: usize,
    /// Levels above the leaves (0: the root is a leaf).
    height: usize,
    /// Hosts in the set (retired ones leave it).
    count: usize,
    /// From the root down: (node, entry); the last one is a leaf's key.
    path: Vec<(usize, usize)>,
}

#[inline]
fn key(free: u32, host: usize) -> u64 {
    ((free as u64) << 32) | host as u64
}

#[inline]
fn host(k: u64) -> usize {
    (k & 0xFFFF_FFFF) as usize
}

/// Entries `from..len` of `a` move one place right (`a[len]` is
/// overwritten). A fixed-length loop of selects rather than `copy_within`:
/// in wasm (no bulk memory in the 1.63 toolchain) that is a call into
/// compiler-builtins' memmove for a few bytes, the main cost of a move.
#[inline(always)]
fn shift_right<T: Copy>(a: &mut [T; B], from: usize, len: usize) {
    for j in (1..B).rev() {
        if j > from && j <= len {
            a[j] = a[j - 1];
        }
    }
}

/// Entries `from + 1..len` of `a` move one place left (as shift_right).
#[inline(always)]
fn shift_left<T: Copy>(a: &mut [T; B], from: usize, len: usize) {
    for j in 0..B - 1 {
        if j >= from && j + 1 < len {
            a[j] = a[j + 1];
        }
    }
}

/// First entry of `n` whose key is ≥ x (n.len if none).
#[inline]
fn first_ge(n: &Node, x: u64) -> usize {
    let mut i = 0;
    while i < n.len && n.key[i] < x {
        i += 1;
    }
    i
}

impl BestFit {
    pub fn new(free: &[Vec3], primary: usize) -> BestFit {
        let mut keys: Vec<u64> = free
            .iter()
            .enumerate()
            .map(|(i, f)| key(f[primary], i))
            .collect();
        keys.sort_unstable();
        let mut b = BestFit {
            free: free.to_vec(),
            primary,
            nodes: Vec::new(),
            spare: Vec::new(),
            root: 0,
            height: 0,
            count: 0,
            path: Vec::with_capacity(16),
        };
        b.build(&keys);
        b
    }

    /// Replaces the tree by one holding `keys` (ascending), nodes FILL full.
    fn build(&mut self, keys: &[u64]) {
        self.nodes.clear();
        self.spare.clear();
        self.count = keys.len();
        // (node, its largest key) per node of the level being built.
        let mut level: Vec<(u32, u64)> = Vec::new();
        for chunk in keys.chunks(FILL) {
            let mut n = EMPTY;
            n.len = chunk.len();
            n.key[..chunk.len()].copy_from_slice(chunk);
            level.push((self.nodes.len() as u32, chunk[chunk.len() - 1]));
            self.nodes.push(n);
        }
        self.height = 0;
        if level.is_empty() {
            self.nodes.push(EMPTY);
            self.root = 0;
            return;
        }
        while level.len() > 1 {
            let mut up = Vec::with_capacity(level.len() / FILL + 1);
            for chunk in level.chunks(FILL) {
                let mut n = EMPTY;
                n.len = chunk.len();
                for (j, &(c, k)) in chunk.iter().enumerate() {
                    n.child[j] = c;
                    n.key[j] = k;
                }
                up.push((self.nodes.len() as u32, chunk[chunk.len() - 1].1));
                self.nodes.push(n);
            }
            level = up;
            self.height += 1;
        }
        self.root = level[0].0 as usize;
    }

    fn alloc(&mut self, n: Node) -> usize {
        match self.spare.pop() {
            Some(i) => {
                self.nodes[i as usize] = n;
                i as usize
            }
            None => {
                self.nodes.push(n);
                self.nodes.len() - 1
            }
        }
    }

    /// Fills `path` with the way to the first key ≥ x whose host fits `d`.
    fn find(&mut self, x: u64, d: &Vec3) -> bool {
        self.path.clear();
        let mut node = self.root;
        let mut lvl = self.height;
        let mut i = first_ge(&self.nodes[node], x);
        loop {
            let n = &self.nodes[node];
            if i < n.len {
                if lvl == 0 {
                    if fits(&self.free[host(n.key[i])], d) {
                        self.path.push((node, i));
                        return true;
                    }
                    i += 1;
                } else {
                    // Every key in this child and right of it is ≥ x.
                    self.path.push((node, i));
                    node = n.child[i] as usize;
                    lvl -= 1;
                    i = first_ge(&self.nodes[node], x);
                }
            } else {
                // This subtree holds no fitting host: continue right of it.
                match self.path.pop() {
                    Some((p, j)) => {
                        node = p;
                        i = j + 1;
                        lvl += 1;
                    }
                    None => return false,
                }
            }
        }
    }

    /// After the subtree at path[l] changed: sets each ancestor's entry for
    /// it to the subtree's largest key, dropping subtrees left empty.
    fn fix_up(&mut self, mut l: usize) {
        while l > 0 {
            let (c, _) = self.path[l];
            let (p, j) = self.path[l - 1];
            let len = self.nodes[c].len;
            if len == 0 {
                self.spare.push(c as u32);
                let n = &mut self.nodes[p];
                shift_left(&mut n.key, j, n.len);
                shift_left(&mut n.child, j, n.len);
                n.len -= 1;
            } else {
                let k = self.nodes[c].key[len - 1];
                if self.nodes[p].key[j] == k {
                    return;
                }
                self.nodes[p].key[j] = k;
            }
            l -= 1;
        }
        if self.nodes[self.root].len == 0 && self.height > 0 {
            // Everything was removed: start again from one empty leaf.
            self.build(&[]);
        }
    }

    /// Removes the key that `path` leads to.
    fn remove_found(&mut self) {
        let l = self.path.len() - 1;
        let (leaf, i) = self.path[l];
        let n = &mut self.nodes[leaf];
        shift_left(&mut n.key, i, n.len);
        n.len -= 1;
        self.count -= 1;
        self.fix_up(l);
    }

    /// Inserts k (not in the set), splitting full nodes on the way down.
    fn insert(&mut self, k: u64) {
        if self.nodes[self.root].len == B {
            let old = self.root;
            let mut r = EMPTY;
            r.len = 1;
            r.child[0] = old as u32;
            r.key[0] = self.nodes[old].key[B - 1];
            self.root = self.alloc(r);
            self.height += 1;
        }
        let mut node = self.root;
        let mut lvl = self.height;
        while lvl > 0 {
            let n = &self.nodes[node];
            let mut i = first_ge(n, k).min(n.len - 1);
            let c = n.child[i] as usize;
            if self.nodes[c].len == B {
                // Split the child: its upper half moves to a new node after it.
                let mut upper = EMPTY;
                upper.len = B / 2;
                upper.key[..B / 2].copy_from_slice(&self.nodes[c].key[B / 2..]);
                upper.child[..B / 2].copy_from_slice(&self.nodes[c].child[B / 2..]);
                self.nodes[c].len = B / 2;
                let u = self.alloc(upper);
                let lower_max = self.nodes[c].key[B / 2 - 1];
                let n = &mut self.nodes[node];
                let len = n.len;
                shift_right(&mut n.key, i + 1, len);
                shift_right(&mut n.child, i + 1, len);
                n.key[i + 1] = n.key[i];
                n.child[i + 1] = u as u32;
                n.key[i] = lower_max;
                n.len += 1;
                if k > lower_max {
                    i += 1;
                }
            }
            let n = &mut self.nodes[node];
            if k > n.key[i] {
                n.key[i] = k; // k becomes the largest key of the last child
            }
            node = n.child[i] as usize;
            lvl -= 1;
        }
        let n = &mut self.nodes[node];
        let i = first_ge(n, k);
        let len = n.len;
        shift_right(&mut n.key, i, len);
        n.key[i] = k;
        n.len += 1;
        self.count += 1;
    }

    /// Live nodes above what the keys need: rebuild packed (rare; keeps
    /// memory in O(hosts) whatever the order of removals).
    fn compact_if_sparse(&mut self) {
        let live = self.nodes.len() - self.spare.len();
        if live > self.count / 4 + 16 {
            let mut keys = Vec::with_capacity(self.count);
            self.collect(self.root, self.height, &mut keys);
            self.build(&keys);
        }
    }

    /// Test support: panics unless the tree is well formed (keys strictly
    /// ascending across leaves, every inner entry the largest key of its
    /// child, no empty node but an empty root, `count` keys) and holds
    /// exactly the keys of the hosts not retired.
    #[cfg(test)]
    pub fn check(&self, retired: &[bool]) {
        let mut keys = Vec::new();
        self.collect(self.root, self.height, &mut keys);
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys out of order");
        assert_eq!(keys.len(), self.count);
        let want: Vec<u64> = {
            let mut v: Vec<u64> = (0..self.free.len())
                .filter(|&h| !retired[h])
                .map(|h| key(self.free[h][self.primary], h))
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(keys, want, "the set is not the live hosts' keys");
        self.check_node(self.root, self.height, true);
    }

    #[cfg(test)]
    fn check_node(&self, node: usize, lvl: usize, root: bool) -> u64 {
        let n = &self.nodes[node];
        assert!(n.len <= B && (root || n.len > 0), "node size {}", n.len);
        if lvl == 0 {
            return if n.len > 0 { n.key[n.len - 1] } else { 0 };
        }
        for i in 0..n.len {
            assert_eq!(
                self.check_node(n.child[i] as usize, lvl - 1, false),
                n.key[i],
                "inner entry is not its child's largest key"
            );
        }
        n.key[n.len - 1]
    }

    fn collect(&self, node: usize, lvl: usize, out: &mut Vec<u64>) {
        let n = &self.nodes[node];
        for i in 0..n.len {
            if lvl == 0 {
                out.push(n.key[i]);
            } else {
                self.collect(n.child[i] as usize, lvl - 1, out);
            }
        }
    }
}

impl Policy for BestFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let p = self.primary;
        if !self.find(key(d[p], 0), d) {
            return None;
        }
        let l = self.path.len() - 1;
        let (leaf, i) = self.path[l];
        let old = self.nodes[leaf].key[i];
        let h = host(old);
        let f = &mut self.free[h];
        for k in 0..3 {
            f[k] -= d[k];
        }
        let new = key(f[p], h);
        if new == old {
            return Some(h);
        }
        // The key only falls. If it stays above the leaf's first key, move
        // it within the leaf; else take it out and insert it again.
        let n = &mut self.nodes[leaf];
        if n.key[0] < new {
            let mut j = i;
            while n.key[j - 1] > new {
                n.key[j] = n.key[j - 1];
                j -= 1;
            }
            n.key[j] = new;
            if i + 1 == n.len {
                self.fix_up(l); // the leaf's largest key fell
            }
        } else {
            self.remove_found();
            self.insert(new);
            self.compact_if_sparse();
        }
        Some(h)
    }
    fn free(&self, h: usize) -> Vec3 {
        self.free[h]
    }
    fn retire(&mut self, h: usize) {
        let k = key(self.free[h][self.primary], h);
        // The path to k: find the first key ≥ k whose host fits the zero
        // vector, i.e. the first key ≥ k, which is k itself.
        if self.find(k, &[0; 3])
            && self.nodes[self.path[self.path.len() - 1].0].key[self.path[self.path.len() - 1].1]
                == k
        {
            self.remove_found();
            self.compact_if_sparse();
        }
    }
}

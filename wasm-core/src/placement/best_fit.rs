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

use std::collections::BTreeSet;

use super::{fits, Policy, Vec3};

pub struct BestFit {
    set: BTreeSet<u64>,
    free: Vec<Vec3>,
    primary: usize,
}

#[inline]
fn key(free: u32, host: usize) -> u64 {
    ((free as u64) << 32) | host as u64
}

impl BestFit {
    pub fn new(free: &[Vec3], primary: usize) -> BestFit {
        let set = free.iter().enumerate().map(|(i, f)| key(f[primary], i)).collect();
        BestFit { set, free: free.to_vec(), primary }
    }
}

impl Policy for BestFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let p = self.primary;
        let mut chosen = None;
        for &k in self.set.range(key(d[p], 0)..) {
            let h = (k & 0xFFFF_FFFF) as usize;
            if fits(&self.free[h], d) {
                chosen = Some((k, h));
                break;
            }
        }
        let (k, h) = chosen?;
        self.set.remove(&k);
        let f = &mut self.free[h];
        for i in 0..3 {
            f[i] -= d[i];
        }
        self.set.insert(key(f[p], h));
        Some(h)
    }
    fn free(&self, h: usize) -> Vec3 {
        self.free[h]
    }
    fn retire(&mut self, h: usize) {
        self.set.remove(&key(self.free[h][self.primary], h));
    }
}

//! Worst-fit (spread): among hosts that fit, the one with the most free
//! capacity in the primary dimension; ties go to the lowest index.

use super::tree::MaxTree;
use super::{Policy, Vec3};

pub struct WorstFit {
    tree: MaxTree,
    primary: usize,
}

impl WorstFit {
    pub fn new(free: &[Vec3], primary: usize) -> WorstFit {
        WorstFit { tree: MaxTree::new(free), primary }
    }
}

impl Policy for WorstFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let h = self.tree.worst_fit(d, self.primary)?;
        self.tree.take(h, d);
        Some(h)
    }
    fn free(&self, h: usize) -> Vec3 {
        self.tree.free(h)
    }
    fn retire(&mut self, h: usize) {
        self.tree.retire(h);
    }
}

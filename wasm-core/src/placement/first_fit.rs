//! First-fit: the lowest-index host that fits the whole demand vector.

use super::tree::MaxTree;
use super::{Policy, Vec3};

pub struct FirstFit {
    tree: MaxTree,
}

impl FirstFit {
    pub fn new(free: &[Vec3]) -> FirstFit {
        FirstFit { tree: MaxTree::new(free) }
    }
}

impl Policy for FirstFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let h = self.tree.first_fit(d)?;
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

//! Next-fit: hosts are opened in index order and never revisited. A workload
//! goes to the first host at or after the current one that fits it; that
//! host becomes current. A workload that fits no host from the current one on
//! is unplaced (earlier hosts are closed), as in classic bin-packing next-fit.

use super::tree::MaxTree;
use super::{Policy, Vec3};

pub struct NextFit {
    tree: MaxTree,
    cursor: usize,
}

impl NextFit {
    pub fn new(free: &[Vec3]) -> NextFit {
        NextFit {
            tree: MaxTree::new(free),
            cursor: 0,
        }
    }
}

impl Policy for NextFit {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let h = self.tree.first_fit_from(self.cursor, d)?;
        self.tree.take(h, d);
        self.cursor = h;
        Some(h)
    }
    fn free(&self, h: usize) -> Vec3 {
        self.tree.free(h)
    }
    fn retire(&mut self, h: usize) {
        self.tree.retire(h);
    }
    fn cursor(&self) -> usize {
        self.cursor
    }
}

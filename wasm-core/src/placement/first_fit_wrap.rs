//! First-fit with wrap-around, as CloudSim Plus's `VmAllocationPolicyFirstFit`
//! does it: the search starts at the host that took the previous workload
//! (host 0 at first), goes up to the last host, then wraps to host 0 and
//! stops where it began; the host found becomes the start of the next
//! search. Unlike next-fit nothing is closed (every host stays a candidate),
//! and unlike first-fit the search does not restart at host 0. A workload
//! that fits nowhere leaves the start where it was.
//!
//! Source: CloudSim Plus, `VmAllocationPolicyFirstFit.defaultFindHostForVm`
//! and `incLastHostIndex` (`lastHostIndex = ++lastHostIndex % hostCount`),
//! https://github.com/cloudsimplus/cloudsimplus/blob/017b5a2eff8d3d0b8251b939095a6a9cded71c02/src/main/java/org/cloudsimplus/allocationpolicies/VmAllocationPolicyFirstFit.java

use super::tree::MaxTree;
use super::{Policy, Vec3};

pub struct FirstFitWrap {
    tree: MaxTree,
    cursor: usize,
}

impl FirstFitWrap {
    pub fn new(free: &[Vec3]) -> FirstFitWrap {
        FirstFitWrap {
            tree: MaxTree::new(free),
            cursor: 0,
        }
    }
}

impl Policy for FirstFitWrap {
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        // From the cursor to the end, then from host 0: when nothing at or
        // after the cursor fits, the lowest fitting host is below it.
        let h = match self.tree.first_fit_from(self.cursor, d) {
            Some(h) => h,
            None if self.cursor > 0 => self.tree.first_fit(d)?,
            None => return None,
        };
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

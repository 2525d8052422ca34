//! First-fit: the lowest-index host that fits the whole demand vector.
//!
//! Hosts' free amounts only ever shrink (placements take, retiring empties),
//! so once no host below `p` fits a demand vector, none ever will: the next
//! search for the same vector may start at `p`. A small table remembers, per
//! recently seen demand vector, where its last search ended; with few
//! distinct sizes (the usual case) most searches then check one host and
//! return. The answer is the same as a search from host 0.

use super::tree::MaxTree;
use super::{Policy, Vec3};

/// Slots of the hint table (a power of two); a slot holds one demand vector.
const HINT_SLOTS: usize = 256;

pub struct FirstFit {
    tree: MaxTree,
    /// Per slot: a demand vector and a host index below which no host fits
    /// it (start 0 is true of any vector, so the empty table needs no flag).
    hints: Vec<(Vec3, usize)>,
}

impl FirstFit {
    pub fn new(free: &[Vec3]) -> FirstFit {
        FirstFit {
            tree: MaxTree::new(free),
            hints: vec![([0; 3], 0); HINT_SLOTS],
        }
    }
}

#[inline]
pub(super) fn hint_slot(d: &Vec3) -> usize {
    let x = d[0].wrapping_mul(0x9E37_79B1)
        ^ d[1].wrapping_mul(0x85EB_CA77)
        ^ d[2].wrapping_mul(0xC2B2_AE3D);
    (x >> (32 - HINT_SLOTS.trailing_zeros())) as usize
}

impl Policy for FirstFit {
    #[cfg_attr(feature = "speed", inline(always))]
    fn place(&mut self, d: &Vec3) -> Option<usize> {
        let slot = hint_slot(d);
        let (seen, from) = self.hints[slot];
        let start = if super::same3(&seen, d) { from } else { 0 };
        let found = self.tree.first_fit_from(start, d);
        // None: nothing fits `d` now, so nothing ever will (start past the end).
        self.hints[slot] = (*d, found.unwrap_or(usize::MAX));
        let h = found?;
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

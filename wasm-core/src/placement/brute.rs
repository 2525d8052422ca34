//! Reference implementations: plain linear scans written straight from the
//! definitions. Tests check the fast policies against these, and step
//! explanations use them to show every host's view of one placement.

use super::{fits, PolicyKind, Vec3};

/// The host `kind` chooses for `d` given every host's free vector, or None.
/// `cursor` is next-fit's current host (ignored by the other policies).
pub fn choose(kind: PolicyKind, free: &[Vec3], cursor: usize, primary: usize, d: &Vec3) -> Option<usize> {
    match kind {
        PolicyKind::FirstFit | PolicyKind::FirstFitDecreasing => (0..free.len()).find(|&h| fits(&free[h], d)),
        PolicyKind::NextFit => (cursor..free.len()).find(|&h| fits(&free[h], d)),
        PolicyKind::BestFit | PolicyKind::BestFitDecreasing => {
            let mut best: Option<usize> = None;
            for h in 0..free.len() {
                if fits(&free[h], d) && best.map_or(true, |b| free[h][primary] < free[b][primary]) {
                    best = Some(h);
                }
            }
            best
        }
        PolicyKind::WorstFit => {
            let mut best: Option<usize> = None;
            for h in 0..free.len() {
                if fits(&free[h], d) && best.map_or(true, |b| free[h][primary] > free[b][primary]) {
                    best = Some(h);
                }
            }
            best
        }
    }
}

/// A whole run by linear scans: the assignment (None = unplaced).
pub fn run(kind: PolicyKind, free0: &[Vec3], primary: usize, order: &[usize], demands: &[Vec3]) -> Vec<Option<usize>> {
    let mut free = free0.to_vec();
    let mut cursor = 0;
    let mut out = vec![None; demands.len()];
    for &w in order {
        let d = &demands[w];
        if let Some(h) = choose(kind, &free, cursor, primary, d) {
            for k in 0..3 {
                free[h][k] -= d[k];
            }
            cursor = h;
            out[w] = Some(h);
        }
    }
    out
}

//! Reference implementations: plain linear scans written straight from the
//! definitions. Tests check the fast policies against these, and step
//! explanations use them to show every host's view of one placement.

use super::{fits, PolicyKind, Reason, Unplaced, Vec3};

/// The host `kind` chooses for `d` given every host's free vector, or None.
/// `cursor` is next-fit's current host, or first-fit-wrap's start (ignored
/// by the other policies).
pub fn choose(
    kind: PolicyKind,
    free: &[Vec3],
    cursor: usize,
    primary: usize,
    d: &Vec3,
) -> Option<usize> {
    match kind {
        PolicyKind::FirstFit | PolicyKind::FirstFitDecreasing => {
            (0..free.len()).find(|&h| fits(&free[h], d))
        }
        PolicyKind::NextFit => (cursor..free.len()).find(|&h| fits(&free[h], d)),
        // CloudSim Plus's loop: `maxTries` = host count tries from the last host, index mod count.
        PolicyKind::FirstFitWrap => (0..free.len())
            .map(|i| (cursor + i) % free.len())
            .find(|&h| fits(&free[h], d)),
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

/// Why `d` was not placed, from the definitions (see [`Reason`]): `usable`
/// is every host's capacity when empty, `free` what it has free now.
pub fn reason(kind: PolicyKind, usable: &[Vec3], free: &[Vec3], d: &Vec3) -> (Reason, u32) {
    let mask = |beyond: &dyn Fn(usize) -> bool| {
        (0..3)
            .filter(|&k| beyond(k))
            .fold(0u32, |m, k| m | (1 << k))
    };
    if !usable.iter().any(|c| fits(c, d)) {
        // Beyond the largest host in some dimension; else beyond some host in
        // each dimension named (with no hosts at all: the dimensions above 0).
        let m = mask(&|k| usable.iter().all(|c| d[k] > c[k]) && d[k] > 0);
        return (
            Reason::TooLarge,
            if m != 0 {
                m
            } else {
                mask(&|k| usable.iter().any(|c| d[k] > c[k]))
            },
        );
    }
    if kind == PolicyKind::NextFit && free.iter().any(|f| fits(f, d)) {
        return (Reason::PassedByNextFit, 0);
    }
    let m = mask(&|k| free.iter().all(|f| d[k] > f[k]));
    if m != 0 {
        (Reason::NoRoom, m)
    } else {
        (Reason::Fragmented, 0)
    }
}

/// A whole run by linear scans: the assignment (None = unplaced) and the
/// unplaced workloads with their reasons, in placement order.
pub fn run(
    kind: PolicyKind,
    free0: &[Vec3],
    primary: usize,
    order: &[usize],
    demands: &[Vec3],
) -> (Vec<Option<usize>>, Vec<Unplaced>) {
    let mut free = free0.to_vec();
    let mut cursor = 0;
    let mut out = vec![None; demands.len()];
    let mut unplaced = Vec::new();
    for &w in order {
        let d = &demands[w];
        if let Some(h) = choose(kind, &free, cursor, primary, d) {
            for k in 0..3 {
                free[h][k] -= d[k];
            }
            cursor = h;
            out[w] = Some(h);
        } else {
            let (reason, dims_mask) = reason(kind, free0, &free, d);
            unplaced.push(Unplaced {
                workload: w as u32,
                reason,
                dims_mask,
            });
        }
    }
    (out, unplaced)
}

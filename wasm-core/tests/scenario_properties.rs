//! Seeded property tests of the scenarios: random valid inputs keep the
//! invariants; random garbage (NaN, infinities, negatives, wrong lengths)
//! gives an error, never a panic.

use virtlab_core::rng::Rng;
use virtlab_core::scenarios::{
    self, preset, run, ParamSpec, KIND_DATACENTER, KIND_MIGRATION, KIND_PATCH_DAY,
    KIND_TRAFFIC_SPIKE,
};

struct Out {
    rows: usize,
    summary: Vec<f64>,
    cols: Vec<Vec<f64>>,
}

fn unpack(v: &[f64]) -> Out {
    let rows = v[0] as usize;
    let ncols = v[1] as usize;
    let ns = v[2] as usize;
    assert_eq!(v.len(), 3 + ns + rows * ncols);
    let base = 3 + ns;
    Out {
        rows,
        summary: v[3..base].to_vec(),
        cols: (0..ncols)
            .map(|c| v[base + c * rows..base + (c + 1) * rows].to_vec())
            .collect(),
    }
}

fn idx(specs: &[ParamSpec], name: &str) -> usize {
    specs.iter().position(|p| p.name == name).unwrap()
}

/// A value in [lo, hi], an integer if asked.
fn pick(r: &mut Rng, lo: f64, hi: f64, integer: bool) -> f64 {
    let x = lo + r.next_f64() * (hi - lo);
    if integer {
        x.floor()
    } else {
        x
    }
}

#[test]
fn traffic_spike_invariants_hold_on_random_inputs() {
    let specs = scenarios::traffic_spike::PARAMS;
    let mut r = Rng::new(2024);
    for case in 0..150 {
        let variant = r.below(3) as u32;
        let (mut v, _) = preset(KIND_TRAFFIC_SPIKE, variant).unwrap();
        let mut set = |n: &str, x: f64| v[idx(specs, n)] = x;
        set("seed", case as f64);
        set("durationS", pick(&mut r, 10.0, 2000.0, false));
        set("sampleS", pick(&mut r, 0.1, 10.0, false));
        set("demand.shape", r.below(3) as f64);
        set("demand.baseRps", pick(&mut r, 0.0, 500.0, false));
        set("demand.peakRps", pick(&mut r, 0.0, 5000.0, false));
        set("demand.startS", pick(&mut r, 0.0, 500.0, false));
        set("demand.rampS", pick(&mut r, 0.0, 200.0, false));
        set("demand.noise", pick(&mut r, 0.0, 0.5, false));
        set("capacityRpsPerInstance", pick(&mut r, 1.0, 300.0, false));
        set(
            "autoscaler.targetUtilisation",
            pick(&mut r, 0.2, 1.0, false),
        );
        set("autoscaler.evalIntervalS", pick(&mut r, 1.0, 60.0, false));
        set("autoscaler.scaleUpDelayS", pick(&mut r, 0.0, 60.0, false));
        set(
            "autoscaler.scaleDownDelayS",
            pick(&mut r, 0.0, 300.0, false),
        );
        set("autoscaler.cooldownS", pick(&mut r, 0.0, 120.0, false));
        let min = pick(&mut r, 0.0, 5.0, true);
        set("autoscaler.minInstances", min);
        let max = pick(&mut r, min.max(1.0), 60.0, true);
        set("autoscaler.maxInstances", max);
        set("hosts", pick(&mut r, 1.0, 10.0, true));
        set("profile.pullMiBps", pick(&mut r, 1.0, 500.0, false));
        let out = unpack(&run(KIND_TRAFFIC_SPIKE, &v).unwrap());
        let col = |n: &str| {
            &out.cols[scenarios::traffic_spike::COLUMNS
                .iter()
                .position(|c| c.0 == n)
                .unwrap()]
        };
        let (demand, served, dropped, ready, lat) = (
            col("demandRps"),
            col("servedRps"),
            col("droppedRps"),
            col("ready"),
            col("latencyMs"),
        );
        let (pulling, booting) = (col("pulling"), col("booting"));
        let cap = v[idx(specs, "capacityRpsPerInstance")];
        let timeout = v[idx(specs, "slo.timeoutMs")];
        for i in 0..out.rows {
            assert!(dropped[i] >= 0.0 && served[i] >= 0.0, "case {}", case);
            assert!(
                (served[i] + dropped[i] - demand[i]).abs() <= 1e-9 * demand[i].max(1.0),
                "case {}",
                case
            );
            assert!(served[i] <= ready[i] * cap + 1e-9, "case {}", case);
            let active = pulling[i] + booting[i] + ready[i];
            assert!(
                active >= min && active <= max,
                "case {}: active {} not in [{}, {}]",
                case,
                active,
                min,
                max
            );
            assert!(lat[i] > 0.0 && lat[i] <= timeout, "case {}", case);
        }
        let served_total = out.summary[0];
        assert!(served_total >= 0.0 && out.summary[1] >= 0.0);
    }
}

#[test]
fn migration_invariants_hold_on_random_inputs() {
    let specs = scenarios::migration::PARAMS;
    let mut r = Rng::new(7);
    for case in 0..300 {
        let variant = r.below(2) as u32;
        let (mut v, _) = preset(KIND_MIGRATION, variant).unwrap();
        let mem = pick(&mut r, 64.0, 65536.0, false);
        v[idx(specs, "memMiB")] = mem;
        v[idx(specs, "wwsMiB")] = pick(&mut r, 0.0, mem, false);
        v[idx(specs, "dirtyRateMiBps")] = pick(&mut r, 0.0, 3000.0, false);
        v[idx(specs, "bandwidthMbps")] = pick(&mut r, 100.0, 100_000.0, false);
        v[idx(specs, "maxRounds")] = pick(&mut r, 1.0, 50.0, true);
        v[idx(specs, "stopDirtyMiB")] = pick(&mut r, 0.0, 512.0, false);
        v[idx(specs, "criu.preDump")] = r.below(4) as f64;
        v[idx(specs, "criu.restoreExponent")] = pick(&mut r, 0.0, 1.0, false);
        let out = unpack(&run(KIND_MIGRATION, &v).unwrap());
        let (total, downtime_ms, sent) = (out.summary[0], out.summary[1], out.summary[2]);
        assert!(downtime_ms / 1000.0 <= total + 1e-9, "case {}", case);
        // Rows are back to back: each starts when the previous ends, and the last ends at the total.
        let (start, dur, sent_col) = (&out.cols[1], &out.cols[2], &out.cols[3]);
        for i in 1..out.rows {
            assert!(
                (start[i] - (start[i - 1] + dur[i - 1])).abs() <= 1e-9 * total.max(1.0),
                "case {}",
                case
            );
        }
        assert!((start[out.rows - 1] + dur[out.rows - 1] - total).abs() <= 1e-9 * total.max(1.0));
        assert!((sent_col.iter().sum::<f64>() - sent).abs() <= 1e-6 * sent.max(1.0));
        if variant == 0 {
            // Every round after the first sends no more than the working set.
            let wws = v[idx(specs, "wwsMiB")];
            assert!(
                sent_col[1..].iter().all(|&s| s <= wws + 1e-9),
                "case {}",
                case
            );
            assert!(out.summary[3] <= v[idx(specs, "maxRounds")]);
        } else {
            // The container's first (pre-)dump carries all of its memory;
            // every later pre-dump and the final dump at most the working set.
            let wws = v[idx(specs, "wwsMiB")];
            assert!((sent_col[0] - mem).abs() <= 1e-9 * mem || out.cols[0][0] != 2.0);
            let pre = v[idx(specs, "criu.preDump")] as usize;
            if pre > 0 {
                assert!(
                    sent_col[1..].iter().all(|&s| s <= wws + 1e-9),
                    "case {}",
                    case
                );
            }
            assert!(downtime_ms > 0.0);
        }
    }
}

#[test]
fn patch_day_invariants_hold_on_random_inputs() {
    let specs = scenarios::patch_day::PARAMS;
    let mut r = Rng::new(99);
    for case in 0..150 {
        let variant = r.below(3) as u32;
        let (mut v, _) = preset(KIND_PATCH_DAY, variant).unwrap();
        let apps = pick(&mut r, 1.0, 500.0, true);
        let hosts = pick(&mut r, 1.0, 40.0, true);
        let max_unavail = pick(&mut r, 1.0, 50.0, true);
        v[idx(specs, "seed")] = case as f64;
        v[idx(specs, "apps")] = apps;
        v[idx(specs, "hosts")] = hosts;
        v[idx(specs, "maxUnavailable")] = max_unavail;
        v[idx(specs, "maxHostsRebooting")] = pick(&mut r, 1.0, 5.0, true);
        v[idx(specs, "drainBeforeReboot")] = r.below(2) as f64;
        v[idx(specs, "jitter")] = pick(&mut r, 0.0, 0.5, false);
        let out = unpack(&run(KIND_PATCH_DAY, &v).unwrap());
        let per_host = (apps / hosts).ceil();
        let kernels = if variant == 1 { hosts } else { apps + hosts };
        assert_eq!(out.summary[1], kernels, "case {}", case);
        // At most maxUnavailable apps down, except a lone host task that alone exceeds it.
        assert!(out.summary[5] <= max_unavail.max(per_host), "case {}", case);
        assert_eq!(*out.cols[4].last().unwrap(), kernels);
        assert!(out.cols[0].windows(2).all(|w| w[0] <= w[1]));
    }
}

#[test]
fn garbage_inputs_are_errors_never_panics() {
    let mut r = Rng::new(1);
    let weird = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        0.5,
        1e300,
        -0.0,
        3.0,
        1e7,
    ];
    for kind in [
        KIND_TRAFFIC_SPIKE,
        KIND_MIGRATION,
        KIND_PATCH_DAY,
        KIND_DATACENTER,
    ] {
        let (base, _) = preset(kind, 0).unwrap();
        for _ in 0..300 {
            let mut v = base.clone();
            // Replace one to three values with something odd.
            for _ in 0..1 + r.below(3) {
                let i = r.below(v.len() as u64) as usize;
                v[i] = weird[r.below(weird.len() as u64) as usize];
            }
            // Sometimes the wrong length, or a stray tail.
            match r.below(10) {
                0 => v.truncate(r.below(v.len() as u64) as usize),
                1 => v.extend_from_slice(&[2.0, 5.0, f64::NAN]),
                _ => {}
            }
            // Keep the work bounded: skip inputs that are valid but huge (checked elsewhere).
            if kind == KIND_DATACENTER && v.contains(&1e7) {
                continue;
            }
            if let Err(e) = run(kind, &v) {
                assert!(!e.field.is_empty() && !e.message.is_empty());
            }
        }
    }
    assert!(run(9, &[]).is_err());
}

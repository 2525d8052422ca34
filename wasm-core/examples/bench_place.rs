//! Native baseline for `npm run bench`: the same placement code as the wasm
//! build, run with `cargo run --release --example bench_place`. Prints one
//! JSON object: median milliseconds of 5 runs per case (or of the count in
//! the fourth argument), and every run.
//! Instance: DSLab-mix workloads (seed 1) onto identical hosts of 48 cores /
//! 16 GiB (the bench harness uses the same generator and hosts in wasm).
//!
//! Each case is timed twice: `ms` calls the same export the wasm side calls
//! (`vl_place`, `vl_kube_schedule`) with the same input buffers, so both
//! sides time the same work, input checks and result buffers included;
//! `coreMs` calls the library alone (`place`; for Kubernetes, `Scheduler::new`
//! on 5,000 nodes and `schedule` for each pod, with the pods built before the
//! clock starts), to show what the export's checks and buffers add.

use std::time::Instant;

use virtlab_core::abi::kube::vl_kube_schedule;
use virtlab_core::abi::placement::vl_place;
use virtlab_core::kube::{Kind, Node, Pod, SchedConfig, Scheduler, Strategy};
use virtlab_core::placement::{place, Config, Host, PolicyKind, Workloads};
use virtlab_core::workloads::{generate, Generator};

/// Timed runs per case unless the fourth argument says otherwise (the bench
/// asks for one at a time, each right beside a wasm run: see
/// test/bench/placement.bench.ts).
const RUNS: usize = 5;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Milliseconds of `runs` calls of `f`, after one warm-up call: the median
/// and every run.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, Vec<f64>) {
    f();
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        f();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    (median(times.clone()), times)
}

/// `[1.234,5.678]`: run times for the JSON output.
fn list(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{:.3}", x)).collect();
    format!("[{}]", items.join(","))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n_work: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let n_hosts: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    // Optional third argument: run only the cases named (comma-separated,
    // exact names), so `npm run bench` can time each native case right
    // beside its wasm case, and one policy can be profiled alone.
    let only: Option<String> = args.get(3).cloned();
    let runs: usize = args
        .get(4)
        .and_then(|s| s.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(RUNS);
    let want = |name: &str| {
        only.as_deref()
            .map_or(true, |o| o.split(',').any(|x| x == name))
    };
    let data = generate(&Generator::Dslab, n_work, 1).unwrap();
    let hosts = vec![
        Host {
            capacity: [48_000, 16_384, 0],
            reserve: [0; 3]
        };
        n_hosts
    ];
    // The buffers test/bench/placement.bench.ts passes to the wasm export.
    let mut host_buf = vec![0u32; 6 * n_hosts];
    for h in 0..n_hosts {
        host_buf[6 * h] = 48_000;
        host_buf[6 * h + 1] = 16_384;
    }
    let params = [1.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 1.0];
    let w = Workloads::new(&data, 2).unwrap();
    let mut out = Vec::new();
    for (name, kind) in [
        ("firstFit", PolicyKind::FirstFit),
        ("bestFit", PolicyKind::BestFit),
        ("worstFit", PolicyKind::WorstFit),
        ("firstFitDecreasing", PolicyKind::FirstFitDecreasing),
        ("bestFitDecreasing", PolicyKind::BestFitDecreasing),
        ("nextFit", PolicyKind::NextFit),
    ] {
        if !want(name) {
            continue;
        }
        let mut placed = 0;
        let core_ms = time(runs, || {
            placed = place(&hosts, &w, &Config::new(kind))
                .unwrap()
                .summary
                .placed
        });
        let ms = time(runs, || {
            let status = vl_place(
                kind as u32,
                host_buf.as_ptr(),
                host_buf.len(),
                data.as_ptr(),
                data.len(),
                2,
                params.as_ptr(),
                params.len(),
            );
            assert_eq!(status, 0);
        });
        out.push(format!(
            "\"{}\":{{\"ms\":{:.3},\"coreMs\":{:.3},\"msRuns\":{},\"coreMsRuns\":{},\"placed\":{}}}",
            name,
            ms.0,
            core_ms.0,
            list(&ms.1),
            list(&core_ms.1),
            placed
        ));
    }
    // Kubernetes scoring: 10,000 pods over 5,000 nodes, every node scored;
    // the DSLab mix (12 distinct requests), then a distinct request per pod
    // (i millicores added to pod i: nothing can be reused).
    let pods_data = generate(&Generator::Dslab, 10_000, 2).unwrap();
    for (name, distinct) in [("kubeSchedule", false), ("kubeScheduleDistinct", true)] {
        if !want(name) {
            continue;
        }
        let pods: Vec<Pod> = pods_data
            .chunks(2)
            .enumerate()
            .map(|(i, c)| Pod {
                request: vec![
                    Some(c[0] as i64 / 4 + if distinct { i as i64 } else { 0 }),
                    Some(c[1] as i64 * 1024 * 1024 / 4),
                ],
            })
            .collect();
        let core_ms = time(runs, || {
            let nodes = vec![Node::new(vec![32_000, 64 << 30], vec![0, 0]); 5000];
            let cfg = SchedConfig::new(Strategy::LeastAllocated);
            let mut s = Scheduler::new(cfg, vec![Kind::Cpu, Kind::Memory], nodes).unwrap();
            let mut ok = 0;
            for p in &pods {
                ok += s.schedule(p, None).is_some() as usize;
            }
            assert!(ok > 0);
        });
        // The buffers of placement.bench.ts's kube cases.
        let kinds = [0.0, 1.0];
        let mut node_buf = vec![0.0f64; 4 * 5000];
        for i in 0..5000 {
            node_buf[4 * i] = 32_000.0;
            node_buf[4 * i + 1] = (64u64 << 30) as f64;
        }
        let pod_buf: Vec<f64> = pods
            .iter()
            .flat_map(|p| p.request.iter().map(|r| r.unwrap() as f64))
            .collect();
        let cfg = [
            0.0, 0.0, 1.0, 1.0, 100.0, 2.0, 2.0, 0.0, 0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0,
        ];
        let ms = time(runs, || {
            let status = vl_kube_schedule(
                kinds.as_ptr(),
                kinds.len(),
                node_buf.as_ptr(),
                node_buf.len(),
                pod_buf.as_ptr(),
                pod_buf.len(),
                cfg.as_ptr(),
                cfg.len(),
            );
            assert_eq!(status, 0);
        });
        out.push(format!(
            "\"{}\":{{\"ms\":{:.3},\"coreMs\":{:.3},\"msRuns\":{},\"coreMsRuns\":{},\"pods\":10000,\"nodes\":5000}}",
            name,
            ms.0,
            core_ms.0,
            list(&ms.1),
            list(&core_ms.1)
        ));
    }
    println!(
        "{{\"workloads\":{},\"hosts\":{},{}}}",
        n_work,
        n_hosts,
        out.join(",")
    );
}

//! Native baseline for `npm run bench`: the same placement code as the wasm
//! build, run with `cargo run --release --example bench_place`. Prints one
//! JSON object: median milliseconds of 5 runs per case.
//! Instance: DSLab-mix workloads (seed 1) onto identical hosts of 48 cores /
//! 16 GiB (the bench harness uses the same generator and hosts in wasm).

use std::time::Instant;

use virtlab_core::kube::{Kind, Node, Pod, SchedConfig, Scheduler, Strategy};
use virtlab_core::placement::{place, Config, Host, PolicyKind, Workloads};
use virtlab_core::workloads::{generate, Generator};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
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
    let want = |name: &str| {
        only.as_deref()
            .map_or(true, |o| o.split(',').any(|x| x == name))
    };
    let runs = 5;
    let data = generate(&Generator::Dslab, n_work, 1).unwrap();
    let hosts = vec![
        Host {
            capacity: [48_000, 16_384, 0],
            reserve: [0; 3]
        };
        n_hosts
    ];
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
        let mut times = Vec::new();
        let mut placed = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let r = place(&hosts, &w, &Config::new(kind)).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
            placed = r.summary.placed;
        }
        out.push(format!(
            "\"{}\":{{\"ms\":{:.3},\"placed\":{}}}",
            name,
            median(times),
            placed
        ));
    }
    // Kubernetes scoring: 10,000 pods over 5,000 nodes, every node scored.
    let pods_data = generate(&Generator::Dslab, 10_000, 2).unwrap();
    let pods: Vec<Pod> = pods_data
        .chunks(2)
        .map(|c| Pod {
            request: vec![Some(c[0] as i64 / 4), Some(c[1] as i64 * 1024 * 1024 / 4)],
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..if want("kubeSchedule") { runs } else { 0 } {
        let nodes = vec![Node::new(vec![32_000, 64 << 30], vec![0, 0]); 5000];
        let cfg = SchedConfig::new(Strategy::LeastAllocated);
        let mut s = Scheduler::new(cfg, vec![Kind::Cpu, Kind::Memory], nodes).unwrap();
        let t = Instant::now();
        let mut ok = 0;
        for p in &pods {
            ok += s.schedule(p, None).is_some() as usize;
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert!(ok > 0);
    }
    if !times.is_empty() {
        out.push(format!(
            "\"kubeSchedule\":{{\"ms\":{:.3},\"pods\":10000,\"nodes\":5000}}",
            median(times)
        ));
    }
    // The same with a distinct request per pod: nothing can be reused.
    let distinct: Vec<Pod> = pods
        .iter()
        .enumerate()
        .map(|(i, p)| Pod {
            request: vec![p.request[0].map(|c| c + i as i64), p.request[1]],
        })
        .collect();
    let mut times = Vec::new();
    for _ in 0..if want("kubeScheduleDistinct") {
        runs
    } else {
        0
    } {
        let nodes = vec![Node::new(vec![32_000, 64 << 30], vec![0, 0]); 5000];
        let cfg = SchedConfig::new(Strategy::LeastAllocated);
        let mut s = Scheduler::new(cfg, vec![Kind::Cpu, Kind::Memory], nodes).unwrap();
        let t = Instant::now();
        for p in &distinct {
            s.schedule(p, None);
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    if !times.is_empty() {
        out.push(format!(
            "\"kubeScheduleDistinct\":{{\"ms\":{:.3},\"pods\":10000,\"nodes\":5000}}",
            median(times)
        ));
    }
    println!(
        "{{\"workloads\":{},\"hosts\":{},{}}}",
        n_work,
        n_hosts,
        out.join(",")
    );
}

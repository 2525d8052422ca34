//! Native baseline for the engine benchmark: events/s of the hold model and
//! the default traffic-spike run time, as JSON on stdout (medians of `runs`).
//!
//!   cargo run --release --example bench_engine -- [events] [runs]
//!
//! `test/bench/engine.bench.ts` runs the same workloads in wasm.

use std::time::Instant;

use virtlab_core::engine::run_hold;
use virtlab_core::scenarios::{preset, run, KIND_DATACENTER, KIND_TRAFFIC_SPIKE};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let events: f64 = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5_000_000.0);
    let runs: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5).max(1);
    let entities = 1000.0;

    let mut rates = Vec::new();
    let mut hash = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let r = run_hold(events, entities, 42.0).expect("valid inputs");
        let s = t.elapsed().as_secs_f64();
        rates.push(r.events as f64 / s);
        hash = r.trace_hash;
    }

    let (params, _) = preset(KIND_TRAFFIC_SPIKE, 0).expect("preset");
    let mut spike_ms = Vec::new();
    for _ in 0..runs.max(5) {
        let t = Instant::now();
        let out = run(KIND_TRAFFIC_SPIKE, &params).expect("default runs");
        spike_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!out.is_empty());
    }

    // CloudSim Plus's scenario shape: placement of 40,000 VMs on 20,000 hosts, then 50,000 cloudlets to completion.
    let (params, _) = preset(KIND_DATACENTER, 0).expect("preset");
    let mut dc_ms = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = run(KIND_DATACENTER, &params).expect("default runs");
        dc_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(!out.is_empty());
    }

    println!(
        "{{\"holdEvents\": {}, \"holdEntities\": {}, \"eventsPerSecond\": {:.0}, \"traceHash\": \"{:016x}\", \"trafficSpikeDefaultMs\": {:.4}, \"datacenterCloudsimShapeMs\": {:.2}, \"runs\": {}}}",
        events,
        entities,
        median(rates),
        hash,
        median(spike_ms),
        median(dc_ms),
        runs
    );
}

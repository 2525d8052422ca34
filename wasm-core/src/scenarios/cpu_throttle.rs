//! CPU throttling under a CFS bandwidth limit (a container's CPU limit).
//!
//! # The mechanism (Linux kernel documentation, "CFS Bandwidth Control")
//! A group (a container's cgroup) may use at most `quota` of CPU time in each
//! `period`, summed over all its threads and CPUs; the quota is refreshed at
//! every period boundary, and once it is spent the group's threads are
//! throttled "and are not allowed to run again until the next period". The
//! period is 100 ms by default; cgroup v2 writes both as `cpu.max`
//! (`$MAX $PERIOD`), and Kubernetes turns a CPU limit of L CPUs into a quota
//! of L × period. `cpu.stat` counts the periods the group was runnable in
//! (`nr_periods`) and those in which it was throttled (`nr_throttled`).
//!
//! # The model
//! One piece of CPU-bound work (`workMs` of CPU time, say a request) starts
//! at a period boundary, split evenly over `threads` threads that each have
//! a CPU of their own (the node is otherwise idle: nothing else competes).
//! In each period the group runs until the work is done or the quota is spent,
//! whichever comes first; running on n threads it spends quota n times as fast
//! as wall time passes, and it can use at most n × period of CPU in a period.
//! Modelling choices: the quota is one pool (the per-CPU slices the kernel
//! hands out, 5 ms by default, are not modelled), the work divides evenly
//! over the threads, and it starts at a period boundary.

use super::{
    get, hash_halves, not_finished, p, pack, validate, Output, Override, ParamSpec, CHOICE,
};
use crate::engine::{Engine, Model, StepOutcome};
use crate::error::Error;

/// At most this much CPU work, so that a run has at most 100,000 periods
/// (quota ≥ 1 ms): a long batch job, far beyond the request this explains.
const MAX_WORK_MS: f64 = 100_000.0;

pub const VARIANTS: &[&str] = &["one-thread", "four-threads"];

pub const PARAMS: &[ParamSpec] = &[
    // The kernel accepts periods from 1 ms to 1 s and quotas of at least 1 ms.
    p("quotaMs", 50.0, 1.0, 1_000_000.0, false, "ms", "Kubernetes resource management docs: a CPU limit of 500m (0.5 CPU) is a quota of 50 ms per 100 ms period"),
    p("periodMs", 100.0, 1.0, 1000.0, false, "ms", "kernel CFS bandwidth control docs: default period 100 ms (cpu.cfs_period_us; cgroup v2 cpu.max)"),
    p("workMs", 120.0, 0.0, MAX_WORK_MS, false, "ms", "modelling choice (a request needing a little more than two quotas of CPU time)"),
    p("threads", 1.0, 1.0, 1024.0, true, "threads", CHOICE),
];

pub const OVERRIDES: &[Override] = &[(1, "threads", 4.0, CHOICE)];

/// One row per period the work was runnable in.
pub const COLUMNS: &[Output] = &[
    ("periodStartMs", "ms"),
    ("runMs", "ms"),
    ("cpuMs", "ms"),
    ("throttledMs", "ms"),
    ("throttled", "flag"),
];

pub const SUMMARY: &[Output] = &[
    ("wallMs", "ms"),
    ("unthrottledWallMs", "ms"),
    ("cpuMs", "ms"),
    ("nrPeriods", "periods"),
    ("nrThrottled", "periods"),
    ("throttledWallMs", "ms"),
    ("limitCpus", "CPUs"),
    ("events", "events"),
    ("traceHashHi", ""),
    ("traceHashLo", ""),
];

#[derive(Clone, Copy, Debug)]
pub struct ThrottleParams {
    pub quota_ms: f64,
    pub period_ms: f64,
    pub work_ms: f64,
    pub threads: f64,
}

impl ThrottleParams {
    pub fn parse(values: &[f64]) -> Result<ThrottleParams, Error> {
        validate(PARAMS, values, false)?;
        let g = |n: &str| get(PARAMS, values, n);
        Ok(ThrottleParams {
            quota_ms: g("quotaMs")?,
            period_ms: g("periodMs")?,
            work_ms: g("workMs")?,
            threads: g("threads")?,
        })
    }
}

#[derive(Clone, Copy, Debug)]
pub enum Event {
    /// Period `n` begins: the quota is refreshed.
    Period(u32),
}

struct Row {
    start_ms: f64,
    run_ms: f64,
    cpu_ms: f64,
    throttled_ms: f64,
    throttled: bool,
}

struct ThrottleModel {
    p: ThrottleParams,
    left_ms: f64,
    rows: Vec<Row>,
    finished_at: Option<f64>,
}

impl Model for ThrottleModel {
    type Event = Event;
    fn handle(&mut self, e: &mut Engine<Event>, ev: Event) -> Result<(), Error> {
        let Event::Period(n) = ev;
        self.on_period(e, n)
    }
    fn event_code(ev: &Event) -> u64 {
        let Event::Period(n) = *ev;
        n as u64
    }
}

impl ThrottleModel {
    /// Runs one period: the group works until the work or the quota runs out.
    fn on_period(&mut self, e: &mut Engine<Event>, n: u32) -> Result<(), Error> {
        let p = self.p;
        let start = e.now();
        // CPU time usable in this period: the quota, or all threads busy all period.
        let usable = p.quota_ms.min(p.threads * p.period_ms);
        if self.left_ms <= usable {
            let run = self.left_ms / p.threads;
            self.rows.push(Row {
                start_ms: start,
                run_ms: run,
                cpu_ms: self.left_ms,
                throttled_ms: 0.0,
                throttled: false,
            });
            self.left_ms = 0.0;
            self.finished_at = Some(start + run);
            return Ok(());
        }
        let run = usable / p.threads;
        // Throttled if the quota ran out before the period did.
        let throttled = p.quota_ms < p.threads * p.period_ms;
        self.rows.push(Row {
            start_ms: start,
            run_ms: run,
            cpu_ms: usable,
            throttled_ms: if throttled { p.period_ms - run } else { 0.0 },
            throttled,
        });
        self.left_ms -= usable;
        e.schedule_at(start + p.period_ms, Event::Period(n + 1))
    }
}

pub struct ThrottleSim {
    engine: Engine<Event>,
    model: ThrottleModel,
    done: bool,
}

impl ThrottleSim {
    pub fn new(values: &[f64]) -> Result<ThrottleSim, Error> {
        let p = ThrottleParams::parse(values)?;
        // At most MAX_WORK_MS / 1 ms + 1 periods, well under MAX_EVENTS.
        let mut engine = Engine::new(0, f64::MAX, super::MAX_EVENTS);
        engine.schedule_at(0.0, Event::Period(0))?;
        Ok(ThrottleSim {
            engine,
            model: ThrottleModel {
                p,
                left_ms: p.work_ms,
                rows: Vec::new(),
                finished_at: None,
            },
            done: false,
        })
    }

    pub fn step(&mut self, budget: u64) -> Result<bool, Error> {
        if !self.done {
            self.done = self.engine.step(&mut self.model, budget)? == StepOutcome::Finished;
        }
        Ok(self.done)
    }

    pub fn status(&self) -> [f64; 3] {
        let m = &self.model;
        let progress = if self.done {
            1.0
        } else if m.p.work_ms > 0.0 {
            (1.0 - m.left_ms / m.p.work_ms).min(0.99)
        } else {
            0.0
        };
        [
            if self.done { 1.0 } else { 0.0 },
            progress,
            self.engine.processed() as f64,
        ]
    }

    pub fn result(&self) -> Result<Vec<f64>, Error> {
        if !self.done {
            return Err(not_finished());
        }
        let m = &self.model;
        let mut cols: Vec<Vec<f64>> = (0..COLUMNS.len())
            .map(|_| Vec::with_capacity(m.rows.len()))
            .collect();
        let (mut cpu, mut nr_throttled, mut throttled_ms) = (0.0, 0.0, 0.0);
        for r in &m.rows {
            for (c, v) in cols.iter_mut().zip([
                r.start_ms,
                r.run_ms,
                r.cpu_ms,
                r.throttled_ms,
                if r.throttled { 1.0 } else { 0.0 },
            ]) {
                c.push(v);
            }
            cpu += r.cpu_ms;
            throttled_ms += r.throttled_ms;
            if r.throttled {
                nr_throttled += 1.0;
            }
        }
        let [hi, lo] = hash_halves(self.engine.trace_hash());
        let summary = [
            m.finished_at.unwrap_or(0.0),
            m.p.work_ms / m.p.threads,
            cpu,
            m.rows.len() as f64,
            nr_throttled,
            throttled_ms,
            m.p.quota_ms / m.p.period_ms,
            self.engine.processed() as f64,
            hi,
            lo,
        ];
        Ok(pack(&summary, &cols))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{column, run_with, summary};
    use super::super::KIND_CPU_THROTTLE;
    use super::*;

    fn run(variant: u32, edit: &[(&str, f64)]) -> Vec<f64> {
        run_with(KIND_CPU_THROTTLE, PARAMS, variant, edit).unwrap()
    }

    /// The kernel document's three examples: a group kept busy (enough work and
    /// threads) gets exactly `quota` of CPU in every period, i.e. quota/period CPUs.
    #[test]
    fn reproduces_the_cfs_bandwidth_examples() {
        // (quota ms, period ms, CPUs the document says the group gets, threads)
        let examples = [
            (250.0, 250.0, 1.0, 4.0),  // "Limit a group to 1 CPU worth of runtime"
            (1000.0, 500.0, 2.0, 4.0), // "2 CPUs worth of runtime on a multi-CPU machine"
            (10.0, 50.0, 0.2, 1.0),    // "Limit a group to 20% of 1 CPU"
        ];
        for (quota, period, cpus, threads) in examples {
            let periods = 10.0;
            let v = run(
                0,
                &[
                    ("quotaMs", quota),
                    ("periodMs", period),
                    ("threads", threads),
                    ("workMs", quota * periods),
                ],
            );
            let cpu = column(COLUMNS, &v, "cpuMs");
            assert_eq!(cpu.len(), periods as usize);
            assert!(cpu.iter().all(|&c| c == quota), "{:?}", cpu);
            assert_eq!(summary(SUMMARY, &v, "limitCpus"), cpus);
            // Every period, one after the other: `quota` of CPU each `period` of wall time.
            let starts = column(COLUMNS, &v, "periodStartMs");
            assert!(starts
                .iter()
                .enumerate()
                .all(|(i, &s)| s == i as f64 * period));
            let last_run = quota.min(threads * period) / threads;
            assert_eq!(
                summary(SUMMARY, &v, "wallMs"),
                (periods - 1.0) * period + last_run
            );
        }
    }

    #[test]
    fn one_thread_under_half_a_cpu_waits_out_two_periods() {
        // 120 ms of work, 50 ms per 100 ms: 50 + 50 + 20, finishing at 220 ms.
        let v = run(0, &[]);
        assert_eq!(summary(SUMMARY, &v, "wallMs"), 220.0);
        assert_eq!(summary(SUMMARY, &v, "unthrottledWallMs"), 120.0);
        assert_eq!(summary(SUMMARY, &v, "nrPeriods"), 3.0);
        assert_eq!(summary(SUMMARY, &v, "nrThrottled"), 2.0);
        assert_eq!(summary(SUMMARY, &v, "throttledWallMs"), 100.0);
        assert_eq!(summary(SUMMARY, &v, "cpuMs"), 120.0);
        // Four threads spend the quota four times as fast: 12.5 ms a period.
        let v = run(1, &[]);
        assert_eq!(column(COLUMNS, &v, "runMs"), vec![12.5, 12.5, 5.0]);
        assert_eq!(summary(SUMMARY, &v, "wallMs"), 205.0);
        assert_eq!(summary(SUMMARY, &v, "unthrottledWallMs"), 30.0);
    }

    #[test]
    fn responds_to_the_limit() {
        // More quota, less waiting; a quota covering the work means no throttling.
        let mut last = f64::INFINITY;
        for quota in [10.0, 25.0, 50.0, 100.0, 200.0] {
            let w = summary(SUMMARY, &run(0, &[("quotaMs", quota)]), "wallMs");
            assert!(w <= last, "{} {}", quota, w);
            last = w;
        }
        let v = run(0, &[("quotaMs", 120.0), ("periodMs", 100.0)]);
        // One thread cannot use more than one period per period: 100 + 20, not throttled.
        assert_eq!(summary(SUMMARY, &v, "nrThrottled"), 0.0);
        assert_eq!(summary(SUMMARY, &v, "wallMs"), 120.0);
        let v = run(0, &[("workMs", 0.0)]);
        assert_eq!(summary(SUMMARY, &v, "wallMs"), 0.0);
        assert_eq!(summary(SUMMARY, &v, "nrThrottled"), 0.0);
    }

    #[test]
    fn bad_input_names_the_field() {
        let e = ThrottleSim::new(&[0.0, 100.0, 120.0, 1.0]).err().unwrap();
        assert_eq!(e.field, "quotaMs");
        let e = ThrottleSim::new(&[50.0, 100.0, 120.0, 1.5]).err().unwrap();
        assert_eq!(e.field, "threads");
        let e = ThrottleSim::new(&[50.0, 2000.0, 120.0, 1.0]).err().unwrap();
        assert_eq!(e.field, "periodMs");
        // Largest run: 100,000 periods of 1 ms quota.
        let v = run(0, &[("quotaMs", 1.0), ("workMs", MAX_WORK_MS)]);
        assert_eq!(summary(SUMMARY, &v, "nrPeriods"), MAX_WORK_MS);
    }
}

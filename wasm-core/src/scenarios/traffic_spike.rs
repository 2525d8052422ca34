//! Scale-out under a traffic spike.
//!
//! Demand follows a curve (step, ramp, diurnal or given points, with optional
//! seeded noise). An autoscaler every `evalIntervalS` computes the instances
//! needed, `ceil(demand / (capacityRpsPerInstance · targetUtilisation))`
//! clamped to [min, max], from the demand of the latest sample (a metrics lag
//! of up to `sampleS`; an evaluation and a sample at the same instant run in
//! scheduling order, usually the evaluation first). The wish must persist for
//! the scale-up (or down) delay and a cooldown must have passed since the
//! last action (a stabilisation window, as in Kubernetes' HPA; the default
//! numbers are modelling choices). A new instance is placed on
//! the hosts round-robin and starts by pulling its image unless the host has
//! it (layer cache: with `profile.baseCached` the shared base layers are on
//! every host already, so only the app layer is pulled; a host pulls an image
//! once and later instances on it wait for or reuse that pull), then boots
//! (`vmmStartS + bootS`). Scale-down cancels starting instances first (newest
//! first), then drains ready ones for `instance.drainS`.
//!
//! # Queueing model (documented modelling choice)
//! Each sample treats the ready instances as an M/M/c queue: arrivals
//! λ = demand, c = ready instances, each serving μ = capacityRpsPerInstance.
//! With ρ = λ/(cμ) < 1, all requests are served and the mean response time is
//! W = 1/μ + C(c, λ/μ) / (cμ − λ) (Erlang C, computed through the stable
//! Erlang B recursion). With ρ ≥ 1 or c = 0 the queue grows without bound:
//! the excess λ − cμ is counted as dropped and the latency reported is the
//! client timeout. W is also capped at the timeout. A sample violates the SLO
//! if its latency exceeds `slo.latencyMs` or any request is dropped.
//! Served and dropped totals integrate the per-sample rates over `sampleS`.

use super::{
    get, hash_halves, not_finished, p, pack, validate, Lesson, Output, Override, ParamSpec, CHOICE,
    DOCKER_RUN_KATA_S, DOCKER_RUN_KATA_SOURCE, DOCKER_RUN_RUNC_S, DOCKER_RUN_RUNC_SOURCE,
    MAX_EVENTS, MAX_SEED,
};
use crate::engine::{Engine, Model, StepOutcome};
use crate::error::{Error, ErrorCode, Num};

/// Most samples in one run; more is an error, not an OOM.
pub const MAX_SAMPLES: f64 = 1_000_000.0;
/// Most demand points in the tail.
pub const MAX_POINTS: usize = 100_000;
/// Most instances ever created in one run.
pub const MAX_CREATED: usize = 1_000_000;

/// Demand shapes (`demand.shape`).
pub const SHAPE_STEP: f64 = 0.0;
pub const SHAPE_RAMP: f64 = 1.0;
pub const SHAPE_DIURNAL: f64 = 2.0;
pub const SHAPE_POINTS: f64 = 3.0;

pub const VARIANTS: &[&str] = &["vm", "container", "microvm"];

// Defaults that lesson presets restore, declared once.
const DURATION_S: f64 = 900.0;
const BASE_RPS: f64 = 100.0;
const PEAK_RPS: f64 = 1000.0;
const START_S: f64 = 60.0;
const HOLD_S: f64 = 480.0;
const PERIOD_S: f64 = 600.0;
const VM_IMAGE_MIB: f64 = 600.0;
const VM_IMAGE_SOURCE: &str =
    "Manco et al. 2017 (LightVM): distro images hundreds of MB to several GB; 600 MiB is a modelling choice";
const VM_BOOT_S: f64 = 8.0;
const VM_BOOT_SOURCE: &str =
    "Depot: Ubuntu cloud image + cloud-init boots in 7–9 s; 8 is the midpoint";
const FC_VMM_START_S: f64 = 0.012;
const FC_VMM_START_SOURCE: &str = "Firecracker specification: VMM start typically 12 ms (6–60)";
const FC_BOOT_S: f64 = 0.125;
const FC_BOOT_SOURCE: &str = "Firecracker specification and NSDI'20: boot to init ≤ 125 ms";

/// The parameter table. With `demand.shape` = 3 (points) the array continues
/// with `n, t0, rps0, t1, rps1, …` (times in s, non-decreasing; linear
/// interpolation, constant outside the points).
pub const PARAMS: &[ParamSpec] = &[
    p("seed", 1.0, 0.0, MAX_SEED, true, "", "any seed; draws only with demand.noise > 0")
        .slider(0.0, 999_999.0),
    p("durationS", DURATION_S, 1.0, 604_800.0, false, "s", CHOICE)
        .step(10.0)
        .slider(10.0, 86_400.0),
    p("sampleS", 1.0, 0.01, 3600.0, false, "s", CHOICE)
        .step(0.1)
        .slider(0.1, 600.0),
    p("demand.shape", 0.0, 0.0, 3.0, true, "choice:step|ramp|diurnal|points", CHOICE),
    p("demand.baseRps", BASE_RPS, 0.0, 1e7, false, "req/s", CHOICE)
        .step(1.0)
        .log()
        .slider(0.0, 1e6),
    p("demand.peakRps", PEAK_RPS, 0.0, 1e7, false, "req/s", CHOICE)
        .step(1.0)
        .log()
        .slider(0.0, 1e6),
    p("demand.startS", START_S, 0.0, 1e7, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 86_400.0),
    p("demand.rampS", 60.0, 0.0, 1e7, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 86_400.0),
    p("demand.holdS", HOLD_S, 0.0, 1e7, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 86_400.0),
    p("demand.periodS", PERIOD_S, 1.0, 1e7, false, "s", CHOICE)
        .step(1.0)
        .slider(1.0, 86_400.0),
    p("demand.noise", 0.0, 0.0, 1.0, false, "fraction", CHOICE).step(0.01),
    p("capacityRpsPerInstance", 100.0, 0.001, 1e6, false, "req/s", CHOICE)
        .step(0.1)
        .log()
        .slider(0.1, 1e5),
    p(
        "autoscaler.targetUtilisation",
        0.6,
        0.05,
        1.0,
        false,
        "fraction",
        "modelling choice (Kubernetes’ HPA formula, desired = ceil(current × metric ÷ target), is cited in the article)",
    )
    .step(0.01),
    p("autoscaler.evalIntervalS", 15.0, 0.1, 3600.0, false, "s", CHOICE)
        .step(1.0)
        .slider(1.0, 3600.0),
    p("autoscaler.scaleUpDelayS", 0.0, 0.0, 1e5, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 3600.0),
    p("autoscaler.scaleDownDelayS", 300.0, 0.0, 1e5, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 3600.0),
    p("autoscaler.cooldownS", 30.0, 0.0, 1e5, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 3600.0),
    p("autoscaler.minInstances", 2.0, 0.0, 10_000.0, true, "instances", CHOICE).slider(0.0, 1000.0),
    p("autoscaler.maxInstances", 30.0, 1.0, 10_000.0, true, "instances", CHOICE).slider(1.0, 1000.0),
    p("instance.drainS", 10.0, 0.0, 1e5, false, "s", CHOICE)
        .step(1.0)
        .slider(0.0, 3600.0),
    p("hosts", 4.0, 1.0, 100_000.0, true, "hosts", CHOICE).slider(1.0, 1000.0),
    p("profile.baseImageMiB", VM_IMAGE_MIB, 0.0, 1e6, false, "MiB", VM_IMAGE_SOURCE)
        .step(1.0)
        .log()
        .slider(0.0, 100_000.0)
        .formerly(&["profile.baseImageMB"]),
    p("profile.appLayerMiB", 0.0, 0.0, 1e6, false, "MiB", "modelling choice (VM image is one disk; the app is inside it)")
        .step(1.0)
        .log()
        .slider(0.0, 100_000.0)
        .formerly(&["profile.appLayerMB"]),
    p("profile.baseCached", 0.0, 0.0, 1.0, true, "flag", "modelling choice (VM disk images share no layers)"),
    p("profile.pullMiBps", 100.0, 0.001, 1e6, false, "MiB/s", CHOICE)
        .step(0.1)
        .log()
        .slider(0.1, 100_000.0)
        .formerly(&["profile.pullMBps"]),
    p("profile.vmmStartS", 0.0, 0.0, 60.0, false, "s", CHOICE).step(0.001),
    p("profile.bootS", VM_BOOT_S, 0.0, 3600.0, false, "s", VM_BOOT_SOURCE)
        .step(0.001)
        .slider(0.0, 600.0),
    p("slo.latencyMs", 200.0, 0.001, 1e6, false, "ms", CHOICE)
        .step(1.0)
        .slider(1.0, 60_000.0),
    p("slo.timeoutMs", 5000.0, 0.001, 1e7, false, "ms", CHOICE)
        .step(1.0)
        .slider(1.0, 600_000.0),
];

/// Presets: 0 = VM (the table defaults), 1 = container, 2 = microVM.
pub const OVERRIDES: &[Override] = &[
    (
        1,
        "profile.baseImageMiB",
        5.0,
        "Alpine Docker README: alpine is about 5 MB (taken as MiB)",
    ),
    (1, "profile.appLayerMiB", 20.0, CHOICE),
    (1, "profile.baseCached", 1.0, CHOICE),
    (
        1,
        "profile.bootS",
        DOCKER_RUN_RUNC_S,
        DOCKER_RUN_RUNC_SOURCE,
    ),
    (
        2,
        "profile.baseImageMiB",
        5.0,
        "modelling choice (an alpine-sized rootfs)",
    ),
    (2, "profile.appLayerMiB", 20.0, CHOICE),
    (2, "profile.baseCached", 1.0, CHOICE),
    // A Kata sandbox started by `docker run`: the same basis as the
    // container's start. Firecracker alone is the `firecracker` lesson.
    (2, "profile.vmmStartS", 0.0, DOCKER_RUN_KATA_SOURCE),
    (
        2,
        "profile.bootS",
        DOCKER_RUN_KATA_S,
        DOCKER_RUN_KATA_SOURCE,
    ),
];

/// The widget's lesson presets (labels are the widget's presentation).
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "step",
        sources: &["modelling choice: the core’s default step"],
        values: &[
            ("", "demand.shape", SHAPE_STEP),
            ("", "demand.baseRps", BASE_RPS),
            ("", "demand.peakRps", PEAK_RPS),
            ("", "demand.startS", START_S),
            ("", "demand.holdS", HOLD_S),
        ],
    },
    Lesson {
        id: "ramp",
        sources: &["modelling choice: the same peak reached over 120 s"],
        values: &[
            ("", "demand.shape", SHAPE_RAMP),
            ("", "demand.baseRps", BASE_RPS),
            ("", "demand.peakRps", PEAK_RPS),
            ("", "demand.startS", START_S),
            ("", "demand.rampS", 120.0),
            ("", "demand.holdS", 360.0),
        ],
    },
    Lesson {
        id: "diurnal",
        sources: &["modelling choice: a day’s cosine-shaped cycle shortened to 10 minutes so a run shows two"],
        values: &[
            ("", "demand.shape", SHAPE_DIURNAL),
            ("", "demand.baseRps", BASE_RPS),
            ("", "demand.peakRps", PEAK_RPS),
            ("", "demand.periodS", PERIOD_S),
            ("", "durationS", 2.0 * PERIOD_S),
        ],
    },
    Lesson {
        id: "points",
        sources: &["modelling choice: the editable curve in the points table"],
        values: &[("", "demand.shape", SHAPE_POINTS)],
    },
    Lesson {
        id: "cloud-vm",
        sources: &[VM_BOOT_SOURCE, VM_IMAGE_SOURCE],
        values: &[
            ("vm", "profile.baseImageMiB", VM_IMAGE_MIB),
            ("vm", "profile.bootS", VM_BOOT_S),
        ],
    },
    Lesson {
        id: "firecracker",
        sources: &[FC_VMM_START_SOURCE, FC_BOOT_SOURCE],
        values: &[
            ("microvm", "profile.vmmStartS", FC_VMM_START_S),
            ("microvm", "profile.bootS", FC_BOOT_S),
        ],
    },
    Lesson {
        id: "cold-debian",
        sources: &["Alpine Docker README: debian 114 MB (taken as MiB); no base layers cached on the hosts (modelling choice: hosts that never ran the image)"],
        values: &[
            ("container", "profile.baseImageMiB", 114.0),
            ("container", "profile.baseCached", 0.0),
        ],
    },
    Lesson {
        id: "fast-loop",
        sources: &["modelling choice: an autoscaler that looks every second on metrics sampled every 0.1 s, with no cooldown, so that instance start times, not the control loop, set when capacity arrives"],
        values: &[
            ("", "autoscaler.evalIntervalS", 1.0),
            ("", "autoscaler.cooldownS", 0.0),
            ("", "autoscaler.scaleUpDelayS", 0.0),
            ("", "sampleS", 0.1),
        ],
    },
    Lesson {
        id: "kata-like-microvm",
        sources: &["Kuasar benchmark: Kata 2.5.2 pod start 850–950 ms (0.9 s, the midpoint)"],
        values: &[
            ("microvm", "profile.vmmStartS", 0.0),
            ("microvm", "profile.bootS", 0.9),
        ],
    },
];

pub const COLUMNS: &[Output] = &[
    ("timeS", "s"),
    ("demandRps", "req/s"),
    ("capacityRps", "req/s"),
    ("pulling", "instances"),
    ("booting", "instances"),
    ("ready", "instances"),
    ("draining", "instances"),
    ("servedRps", "req/s"),
    ("droppedRps", "req/s"),
    ("latencyMs", "ms"),
    ("sloViolated", "flag"),
];

pub const SUMMARY: &[Output] = &[
    ("servedRequests", "requests"),
    ("droppedRequests", "requests"),
    ("sloViolationS", "s"),
    ("peakInstances", "instances"),
    ("instanceSeconds", "instance·s"),
    ("maxLatencyMs", "ms"),
    ("firstScaleUpS", "s"),
    ("instanceStartS", "s"),
    ("events", "events"),
    ("traceHashHi", ""),
    ("traceHashLo", ""),
];

/// Validated inputs.
#[derive(Clone, Debug)]
pub struct TrafficParams {
    pub seed: u64,
    pub duration_s: f64,
    pub sample_s: f64,
    pub shape: u8,
    pub base_rps: f64,
    pub peak_rps: f64,
    pub start_s: f64,
    pub ramp_s: f64,
    pub hold_s: f64,
    pub period_s: f64,
    pub noise: f64,
    pub points: Vec<(f64, f64)>,
    pub cap_rps: f64,
    pub target: f64,
    pub eval_s: f64,
    pub up_delay_s: f64,
    pub down_delay_s: f64,
    pub cooldown_s: f64,
    pub min_instances: u32,
    pub max_instances: u32,
    pub drain_s: f64,
    pub hosts: u32,
    pub base_image_mib: f64,
    pub app_layer_mib: f64,
    pub base_cached: bool,
    pub pull_mibps: f64,
    pub vmm_start_s: f64,
    pub boot_s: f64,
    pub slo_ms: f64,
    pub timeout_ms: f64,
}

impl TrafficParams {
    pub fn parse(values: &[f64]) -> Result<TrafficParams, Error> {
        let tail = validate(PARAMS, values, true)?;
        let g = |n: &str| get(PARAMS, values, n);
        let shape = g("demand.shape")?;
        let mut points = Vec::new();
        if shape == SHAPE_POINTS {
            let count = match tail.first() {
                Some(&n)
                    if n.is_finite() && n >= 1.0 && n <= MAX_POINTS as f64 && n.floor() == n =>
                {
                    n as usize
                }
                Some(&n) => {
                    return Err(Error::out_of_range(
                        "demand.points",
                        n,
                        1.0,
                        MAX_POINTS as f64,
                    ))
                }
                None => {
                    return Err(Error::new(
                        ErrorCode::BadBuffer,
                        "demand.points",
                        "demand.points must follow the parameters when demand.shape is points"
                            .to_string(),
                    ))
                }
            };
            if tail.len() != 1 + 2 * count {
                return Err(Error::new(
                    ErrorCode::BadBuffer,
                    "demand.points",
                    format!(
                        "demand.points: expected {} values (count then time, rps pairs), got {}",
                        1 + 2 * count,
                        tail.len()
                    ),
                ));
            }
            let mut last = 0.0;
            for i in 0..count {
                let t = tail[1 + 2 * i];
                let r = tail[2 + 2 * i];
                let tf = format!("demand.points[{}].tS", i);
                if !(t.is_finite() && t >= last && t <= 1e7) {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        &tf,
                        format!(
                            "{} must be a number from {} to {} (times must not decrease), got {}",
                            tf,
                            Num(last),
                            Num(1e7),
                            Num(t)
                        ),
                    ));
                }
                let rf = format!("demand.points[{}].rps", i);
                crate::error::check_range(&rf, r, 0.0, 1e7)?;
                points.push((t, r));
                last = t;
            }
        } else if !tail.is_empty() {
            return Err(Error::new(
                ErrorCode::BadBuffer,
                "demand.points",
                "demand.points may only follow the parameters when demand.shape is points (3)"
                    .to_string(),
            ));
        }
        let duration_s = g("durationS")?;
        let sample_s = g("sampleS")?;
        let samples = (duration_s / sample_s).floor() + 1.0;
        if samples > MAX_SAMPLES {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "sampleS",
                format!("durationS / sampleS gives {} samples; at most {} are allowed, so sampleS must be at least {}", Num(samples), Num(MAX_SAMPLES), Num(duration_s / (MAX_SAMPLES - 1.0))),
            ));
        }
        let min_instances = g("autoscaler.minInstances")? as u32;
        let max_instances = g("autoscaler.maxInstances")? as u32;
        if min_instances > max_instances {
            return Err(Error::new(
                ErrorCode::Inconsistent,
                "autoscaler.minInstances",
                format!("autoscaler.minInstances must be from 0 to autoscaler.maxInstances ({}), got {}", max_instances, min_instances),
            ));
        }
        Ok(TrafficParams {
            seed: g("seed")? as u64,
            duration_s,
            sample_s,
            shape: shape as u8,
            base_rps: g("demand.baseRps")?,
            peak_rps: g("demand.peakRps")?,
            start_s: g("demand.startS")?,
            ramp_s: g("demand.rampS")?,
            hold_s: g("demand.holdS")?,
            period_s: g("demand.periodS")?,
            noise: g("demand.noise")?,
            points,
            cap_rps: g("capacityRpsPerInstance")?,
            target: g("autoscaler.targetUtilisation")?,
            eval_s: g("autoscaler.evalIntervalS")?,
            up_delay_s: g("autoscaler.scaleUpDelayS")?,
            down_delay_s: g("autoscaler.scaleDownDelayS")?,
            cooldown_s: g("autoscaler.cooldownS")?,
            min_instances,
            max_instances,
            drain_s: g("instance.drainS")?,
            hosts: g("hosts")? as u32,
            base_image_mib: g("profile.baseImageMiB")?,
            app_layer_mib: g("profile.appLayerMiB")?,
            base_cached: g("profile.baseCached")? == 1.0,
            pull_mibps: g("profile.pullMiBps")?,
            vmm_start_s: g("profile.vmmStartS")?,
            boot_s: g("profile.bootS")?,
            slo_ms: g("slo.latencyMs")?,
            timeout_ms: g("slo.timeoutMs")?,
        })
    }

    /// Noise-free demand at time `t` (req/s).
    pub fn demand_at(&self, t: f64) -> f64 {
        let (b, pk) = (self.base_rps, self.peak_rps);
        match self.shape as f64 {
            s if s == SHAPE_STEP => {
                if t >= self.start_s && t < self.start_s + self.hold_s {
                    pk
                } else {
                    b
                }
            }
            s if s == SHAPE_RAMP => {
                let up_end = self.start_s + self.ramp_s;
                let down_start = up_end + self.hold_s;
                let down_end = down_start + self.ramp_s;
                if t < self.start_s || t >= down_end {
                    b
                } else if t < up_end {
                    b + (pk - b) * (t - self.start_s) / self.ramp_s
                } else if t < down_start {
                    pk
                } else {
                    pk + (b - pk) * (t - down_start) / self.ramp_s
                }
            }
            s if s == SHAPE_DIURNAL => {
                let phase = std::f64::consts::TAU * t / self.period_s;
                b + (pk - b) * (1.0 - super::det_cos(phase)) / 2.0
            }
            _ => interpolate(&self.points, t),
        }
    }

    /// Seconds from the scale-up decision to a ready instance on a host with no image.
    pub fn cold_start_s(&self) -> f64 {
        self.pull_mib() / self.pull_mibps + self.vmm_start_s + self.boot_s
    }

    /// MiB a host without the image pulls.
    pub fn pull_mib(&self) -> f64 {
        self.app_layer_mib
            + if self.base_cached {
                0.0
            } else {
                self.base_image_mib
            }
    }
}

fn interpolate(points: &[(f64, f64)], t: f64) -> f64 {
    let first = match points.first() {
        Some(p) => p,
        None => return 0.0,
    };
    if t <= first.0 {
        return first.1;
    }
    // First point with time > t (times are non-decreasing).
    let i = points.partition_point(|p| p.0 <= t);
    if i >= points.len() {
        return points[points.len() - 1].1;
    }
    let (t0, r0) = points[i - 1];
    let (t1, r1) = points[i];
    if t1 > t0 {
        r0 + (r1 - r0) * (t - t0) / (t1 - t0)
    } else {
        r1
    }
}

/// Mean response time (s) of an M/M/c queue, or `None` when it is unstable (ρ ≥ 1 or c = 0).
pub fn mmc_response_s(lambda: f64, mu: f64, c: u32) -> Option<f64> {
    if lambda <= 0.0 {
        return Some(1.0 / mu);
    }
    let cf = c as f64;
    if c == 0 || lambda >= cf * mu {
        return None;
    }
    let a = lambda / mu;
    // Erlang B by recursion, B(0) = 1, B(k) = a·B/(k + a·B); stable for large c.
    let mut b = 1.0;
    for k in 1..=c {
        b = a * b / (k as f64 + a * b);
        // Once B underflows to 0 it stays 0: stopping early changes nothing.
        if b == 0.0 {
            break;
        }
    }
    let rho = a / cf;
    let erlang_c = b / (1.0 - rho * (1.0 - b));
    Some(1.0 / mu + erlang_c / (cf * mu - lambda))
}

const PULLING: u8 = 0;
const BOOTING: u8 = 1;
const READY: u8 = 2;
const DRAINING: u8 = 3;
const GONE: u8 = 4;

const IMAGE_ABSENT: u8 = 0;
const IMAGE_PULLING: u8 = 1;
const IMAGE_PRESENT: u8 = 2;

#[derive(Clone, Copy, Debug)]
pub enum Event {
    Sample(u32),
    Evaluate,
    PullDone(u32),
    BootDone(u32),
    DrainDone(u32),
}

struct Instance {
    state: u8,
}

/// The model state the handlers act on.
pub struct TrafficModel {
    p: TrafficParams,
    instances: Vec<Instance>,
    counts: [u32; 4],
    host_image: Vec<u8>,
    host_waiting: Vec<Vec<u32>>,
    next_host: u32,
    current_demand: f64,
    up_since: Option<f64>,
    down_since: Option<f64>,
    last_action: Option<f64>,
    first_scale_up: Option<f64>,
    columns: Vec<Vec<f64>>,
    served: f64,
    dropped: f64,
    slo_violation_s: f64,
    peak: u32,
    instance_seconds: f64,
    max_latency_ms: f64,
}

impl Model for TrafficModel {
    type Event = Event;
    fn handle(&mut self, e: &mut Engine<Event>, ev: Event) -> Result<(), Error> {
        match ev {
            Event::Sample(k) => self.on_sample(e, k),
            Event::Evaluate => self.on_evaluate(e),
            Event::PullDone(h) => self.on_pull_done(e, h),
            Event::BootDone(i) => self.on_boot_done(e, i),
            Event::DrainDone(i) => self.on_drain_done(e, i),
        }
    }
    fn event_code(ev: &Event) -> u64 {
        match *ev {
            Event::Sample(k) => k as u64,
            Event::Evaluate => 1 << 32,
            Event::PullDone(h) => 2 << 32 | h as u64,
            Event::BootDone(i) => 3 << 32 | i as u64,
            Event::DrainDone(i) => 4 << 32 | i as u64,
        }
    }
}

impl TrafficModel {
    fn active(&self) -> u32 {
        self.counts[PULLING as usize] + self.counts[BOOTING as usize] + self.counts[READY as usize]
    }

    fn set_state(&mut self, i: usize, state: u8) {
        let old = self.instances[i].state;
        if old < GONE {
            self.counts[old as usize] -= 1;
        }
        if state < GONE {
            self.counts[state as usize] += 1;
        }
        self.instances[i].state = state;
    }

    fn on_sample(&mut self, e: &mut Engine<Event>, k: u32) -> Result<(), Error> {
        let p = &self.p;
        let t = e.now();
        let mut demand = p.demand_at(t);
        if p.noise > 0.0 {
            demand *= 1.0 + p.noise * (2.0 * e.rng().next_f64() - 1.0);
        }
        self.current_demand = demand;
        let ready = self.counts[READY as usize];
        let capacity = ready as f64 * p.cap_rps;
        let (served, latency_ms) = match mmc_response_s(demand, p.cap_rps, ready) {
            Some(w) => (demand, (w * 1000.0).min(p.timeout_ms)),
            None => (capacity, p.timeout_ms),
        };
        let dropped = demand - served;
        let violated = latency_ms > p.slo_ms || dropped > 0.0;
        let c = &mut self.columns;
        c[0].push(t);
        c[1].push(demand);
        c[2].push(capacity);
        for s in 0..4 {
            c[3 + s].push(self.counts[s] as f64);
        }
        c[7].push(served);
        c[8].push(dropped);
        c[9].push(latency_ms);
        c[10].push(if violated { 1.0 } else { 0.0 });
        let dt = p.sample_s;
        self.served += served * dt;
        self.dropped += dropped * dt;
        if violated {
            self.slo_violation_s += dt;
        }
        self.instance_seconds += (self.active() + self.counts[DRAINING as usize]) as f64 * dt;
        self.max_latency_ms = self.max_latency_ms.max(latency_ms);
        // Schedule the next sample from its index so times do not drift.
        let next = k + 1;
        e.schedule_at(next as f64 * p.sample_s, Event::Sample(next))
    }

    fn on_evaluate(&mut self, e: &mut Engine<Event>) -> Result<(), Error> {
        let now = e.now();
        let p = &self.p;
        let wanted = (self.current_demand / (p.cap_rps * p.target)).ceil();
        let desired = wanted
            .max(p.min_instances as f64)
            .min(p.max_instances as f64) as u32;
        let active = self.active();
        let cooled = self.last_action.map_or(true, |t| now - t >= p.cooldown_s);
        if desired > active {
            self.down_since = None;
            let since = *self.up_since.get_or_insert(now);
            if now - since >= p.up_delay_s && cooled {
                for _ in active..desired {
                    self.start_instance(e)?;
                }
                self.last_action = Some(now);
                self.first_scale_up.get_or_insert(now);
                self.up_since = None;
            }
        } else if desired < active {
            self.up_since = None;
            let since = *self.down_since.get_or_insert(now);
            if now - since >= p.down_delay_s && cooled {
                self.stop_instances(e, active - desired)?;
                self.last_action = Some(now);
                self.down_since = None;
            }
        } else {
            self.up_since = None;
            self.down_since = None;
        }
        e.schedule_in(self.p.eval_s, Event::Evaluate)
    }

    fn start_instance(&mut self, e: &mut Engine<Event>) -> Result<(), Error> {
        if self.instances.len() >= MAX_CREATED {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "autoscaler",
                format!(
                    "the autoscaler created more than {} instances in one run",
                    MAX_CREATED
                ),
            ));
        }
        let id = self.instances.len() as u32;
        let host = self.next_host;
        self.next_host = (self.next_host + 1) % self.p.hosts;
        self.instances.push(Instance { state: GONE });
        let h = host as usize;
        match self.host_image[h] {
            IMAGE_PRESENT => {
                self.set_state(id as usize, BOOTING);
                e.schedule_in(self.p.vmm_start_s + self.p.boot_s, Event::BootDone(id))?;
            }
            IMAGE_PULLING => {
                self.set_state(id as usize, PULLING);
                self.host_waiting[h].push(id);
            }
            _ => {
                self.set_state(id as usize, PULLING);
                self.host_waiting[h].push(id);
                self.host_image[h] = IMAGE_PULLING;
                e.schedule_in(self.p.pull_mib() / self.p.pull_mibps, Event::PullDone(host))?;
            }
        }
        Ok(())
    }

    /// Removes `n` instances: starting ones first (newest first), then ready ones drain.
    fn stop_instances(&mut self, e: &mut Engine<Event>, mut n: u32) -> Result<(), Error> {
        for wanted in [PULLING, BOOTING, READY] {
            let mut i = self.instances.len();
            while n > 0 && i > 0 {
                i -= 1;
                if self.instances[i].state == wanted {
                    if wanted == READY {
                        self.set_state(i, DRAINING);
                        e.schedule_in(self.p.drain_s, Event::DrainDone(i as u32))?;
                    } else {
                        self.set_state(i, GONE);
                    }
                    n -= 1;
                }
            }
        }
        Ok(())
    }

    fn on_pull_done(&mut self, e: &mut Engine<Event>, host: u32) -> Result<(), Error> {
        let h = host as usize;
        self.host_image[h] = IMAGE_PRESENT;
        let waiting = std::mem::take(&mut self.host_waiting[h]);
        for id in waiting {
            if self.instances[id as usize].state == PULLING {
                self.set_state(id as usize, BOOTING);
                e.schedule_in(self.p.vmm_start_s + self.p.boot_s, Event::BootDone(id))?;
            }
        }
        Ok(())
    }

    fn on_boot_done(&mut self, _e: &mut Engine<Event>, id: u32) -> Result<(), Error> {
        // A cancelled instance's boot event arrives stale; ignore it.
        if self.instances[id as usize].state == BOOTING {
            self.set_state(id as usize, READY);
            self.peak = self.peak.max(self.active());
        }
        Ok(())
    }

    fn on_drain_done(&mut self, _e: &mut Engine<Event>, id: u32) -> Result<(), Error> {
        if self.instances[id as usize].state == DRAINING {
            self.set_state(id as usize, GONE);
        }
        Ok(())
    }
}

/// A traffic-spike run, steppable.
pub struct TrafficSim {
    engine: Engine<Event>,
    model: TrafficModel,
    done: bool,
}

impl TrafficSim {
    pub fn new(values: &[f64]) -> Result<TrafficSim, Error> {
        let p = TrafficParams::parse(values)?;
        let samples = (p.duration_s / p.sample_s).floor() as usize + 1;
        let mut engine = Engine::new(p.seed, p.duration_s, MAX_EVENTS);
        let hosts = p.hosts as usize;
        let mut model = TrafficModel {
            instances: Vec::new(),
            counts: [0; 4],
            host_image: vec![IMAGE_ABSENT; hosts],
            host_waiting: vec![Vec::new(); hosts],
            next_host: 0,
            current_demand: 0.0,
            up_since: None,
            down_since: None,
            last_action: None,
            first_scale_up: None,
            columns: (0..COLUMNS.len())
                .map(|_| Vec::with_capacity(samples))
                .collect(),
            served: 0.0,
            dropped: 0.0,
            slo_violation_s: 0.0,
            peak: p.min_instances,
            instance_seconds: 0.0,
            max_latency_ms: 0.0,
            p,
        };
        // The minimum fleet is warm at t = 0: ready, with its image on its hosts.
        for _ in 0..model.p.min_instances {
            let id = model.instances.len();
            let host = model.next_host;
            model.next_host = (host + 1) % model.p.hosts;
            model.instances.push(Instance { state: GONE });
            model.set_state(id, READY);
            model.host_image[host as usize] = IMAGE_PRESENT;
        }
        engine.schedule_at(0.0, Event::Sample(0))?;
        engine.schedule_at(model.p.eval_s, Event::Evaluate)?;
        Ok(TrafficSim {
            engine,
            model,
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
        [
            if self.done { 1.0 } else { 0.0 },
            self.engine.progress(),
            self.engine.processed() as f64,
        ]
    }

    pub fn result(&self) -> Result<Vec<f64>, Error> {
        if !self.done {
            return Err(not_finished());
        }
        let m = &self.model;
        let [hi, lo] = hash_halves(self.engine.trace_hash());
        let summary = [
            m.served,
            m.dropped,
            m.slo_violation_s,
            m.peak as f64,
            m.instance_seconds,
            m.max_latency_ms,
            m.first_scale_up.unwrap_or(-1.0),
            m.p.cold_start_s(),
            self.engine.processed() as f64,
            hi,
            lo,
        ];
        Ok(pack(&summary, &m.columns))
    }
}

/// Convenience for tests: runs the preset `variant` with `edit` applied.
#[cfg(test)]
fn run_preset(variant: u32, edit: &[(&str, f64)]) -> Result<Vec<f64>, Error> {
    let (mut v, _) = super::preset(super::KIND_TRAFFIC_SPIKE, variant)?;
    for &(n, x) in edit {
        let i = PARAMS.iter().position(|p| p.name == n).expect("known name");
        v[i] = x;
    }
    super::run(super::KIND_TRAFFIC_SPIKE, &v)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Out {
        rows: usize,
        summary: Vec<f64>,
        cols: Vec<Vec<f64>>,
    }
    fn unpack(v: &[f64]) -> Out {
        let rows = v[0] as usize;
        let ncols = v[1] as usize;
        let ns = v[2] as usize;
        let summary = v[3..3 + ns].to_vec();
        let base = 3 + ns;
        let cols = (0..ncols)
            .map(|c| v[base + c * rows..base + (c + 1) * rows].to_vec())
            .collect();
        Out {
            rows,
            summary,
            cols,
        }
    }
    fn col(o: &Out, name: &str) -> Vec<f64> {
        o.cols[COLUMNS.iter().position(|c| c.0 == name).unwrap()].clone()
    }
    fn sum(o: &Out, name: &str) -> f64 {
        o.summary[SUMMARY.iter().position(|c| c.0 == name).unwrap()]
    }

    #[test]
    fn erlang_c_matches_known_values() {
        // M/M/1: W = 1/(μ − λ).
        let w = mmc_response_s(50.0, 100.0, 1).unwrap();
        assert!((w - 1.0 / 50.0).abs() < 1e-12);
        // M/M/2 with a = 1 (λ = 1, μ = 1): C(2, 1) = 1/3, W = 1 + (1/3)/(2 − 1) = 4/3.
        let w = mmc_response_s(1.0, 1.0, 2).unwrap();
        assert!((w - 4.0 / 3.0).abs() < 1e-12, "{}", w);
        assert!(mmc_response_s(200.0, 100.0, 2).is_none());
        assert!(mmc_response_s(1.0, 100.0, 0).is_none());
        // Large c stays finite and close to the service time at low load.
        let w = mmc_response_s(5000.0, 1.0, 10_000).unwrap();
        assert!((w - 1.0).abs() < 1e-9);
    }

    #[test]
    fn demand_shapes() {
        let mut p = TrafficParams::parse(&super::super::preset(1, 0).unwrap().0).unwrap();
        assert_eq!(p.demand_at(59.9), 100.0);
        assert_eq!(p.demand_at(60.0), 1000.0);
        assert_eq!(p.demand_at(60.0 + 480.0), 100.0);
        p.shape = 1;
        assert_eq!(p.demand_at(90.0), 550.0);
        assert_eq!(p.demand_at(120.0), 1000.0);
        assert_eq!(p.demand_at(120.0 + 480.0 + 30.0), 550.0);
        p.shape = 2;
        assert!((p.demand_at(300.0) - 1000.0).abs() < 1e-9);
        assert!((p.demand_at(600.0) - 100.0).abs() < 1e-9);
        assert_eq!(
            interpolate(&[(0.0, 10.0), (10.0, 20.0), (10.0, 50.0)], 5.0),
            15.0
        );
        assert_eq!(
            interpolate(&[(0.0, 10.0), (10.0, 20.0), (10.0, 50.0)], 11.0),
            50.0
        );
    }

    #[test]
    fn default_vm_spike_drops_requests_then_recovers() {
        let o = unpack(&run_preset(0, &[]).unwrap());
        assert_eq!(o.rows, 901);
        let ready = col(&o, "ready");
        let dropped = col(&o, "droppedRps");
        assert_eq!(ready[0], 2.0);
        // Spike at 60 s. The evaluation at 60 s runs before that second's sample
        // (it was scheduled earlier), so it still sees 100 req/s; the one at 75 s
        // asks for ceil(1000 / (100 · 0.6)) = 17. A VM pulls 600 MiB at 100 MiB/s
        // (6 s) then boots 8 s: ready at 89 s. Round-robin puts 7 of the 15 on
        // hosts 0 and 1, which hold the image of the warm fleet: ready at 83 s.
        assert_eq!(sum(&o, "firstScaleUpS"), 75.0);
        assert_eq!(sum(&o, "instanceStartS"), 14.0);
        assert_eq!(ready[82], 2.0);
        assert_eq!(ready[83], 9.0);
        assert_eq!(ready[88], 9.0);
        assert_eq!(ready[89], 17.0);
        assert_eq!(col(&o, "pulling")[80], 8.0);
        assert_eq!(col(&o, "booting")[81], 15.0);
        assert!(dropped[59] == 0.0 && dropped[60] > 0.0 && dropped[88] > 0.0 && dropped[89] == 0.0);
        assert!(sum(&o, "droppedRequests") > 0.0);
        // The identity served + dropped = demand holds every sample.
        let demand = col(&o, "demandRps");
        let served = col(&o, "servedRps");
        for i in 0..o.rows {
            assert!((served[i] + dropped[i] - demand[i]).abs() < 1e-9);
        }
        // After the spike ends (540 s) and the scale-down delay, it scales back down to 2.
        assert_eq!(*ready.last().unwrap(), 2.0);
    }

    #[test]
    fn containers_and_microvms_start_faster_and_drop_less() {
        let vm = unpack(&run_preset(0, &[]).unwrap());
        let ct = unpack(&run_preset(1, &[]).unwrap());
        let mv = unpack(&run_preset(2, &[]).unwrap());
        // Container: 20 MiB app layer at 100 MiB/s (0.2 s) + docker run with runc (0.607 s);
        // microVM: the same layer + docker run with Kata (1.747 s), one basis.
        assert!((sum(&ct, "instanceStartS") - (0.2 + DOCKER_RUN_RUNC_S)).abs() < 1e-12);
        assert!((sum(&mv, "instanceStartS") - (0.2 + DOCKER_RUN_KATA_S)).abs() < 1e-12);
        assert!(sum(&ct, "droppedRequests") < sum(&vm, "droppedRequests"));
        assert!(sum(&mv, "droppedRequests") < sum(&vm, "droppedRequests"));
        assert!(sum(&ct, "droppedRequests") <= sum(&mv, "droppedRequests"));
        // Firecracker alone (the `firecracker` lesson: 12 ms VMM start + 125 ms boot) is another basis.
        let fc = unpack(
            &run_preset(
                2,
                &[
                    ("profile.vmmStartS", FC_VMM_START_S),
                    ("profile.bootS", FC_BOOT_S),
                ],
            )
            .unwrap(),
        );
        assert!((sum(&fc, "instanceStartS") - (0.2 + 0.012 + 0.125)).abs() < 1e-12);
    }

    #[test]
    fn layer_cache_pulls_once_per_host() {
        // One host, no warm fleet: the scale-up at 15 s to 2 instances pulls 25 MiB at
        // 1 MiB/s (15–40 s), both waiting on that one pull; the spike's 15 more skip it.
        let o = unpack(
            &run_preset(
                1,
                &[
                    ("hosts", 1.0),
                    ("profile.baseCached", 0.0),
                    ("profile.pullMiBps", 1.0),
                    ("autoscaler.minInstances", 0.0),
                ],
            )
            .unwrap(),
        );
        let pulling = col(&o, "pulling");
        assert_eq!(pulling[14], 0.0);
        assert_eq!(pulling[16], 2.0);
        assert_eq!(pulling[39], 2.0);
        assert_eq!(pulling[40], 0.0);
        assert_eq!(pulling[41..].iter().cloned().fold(0.0, f64::max), 0.0);
        assert_eq!(col(&o, "ready")[80], 17.0);
        // With the base layers cached, only the 20 MiB app layer is pulled: 20 s.
        let o = unpack(
            &run_preset(
                1,
                &[
                    ("hosts", 1.0),
                    ("profile.pullMiBps", 1.0),
                    ("autoscaler.minInstances", 0.0),
                ],
            )
            .unwrap(),
        );
        assert_eq!(col(&o, "pulling")[34], 2.0);
        assert_eq!(col(&o, "pulling")[35], 0.0);
        // The host already has the image (warm minimum fleet), so scale-ups on it skip the pull.
        let o = unpack(
            &run_preset(
                1,
                &[
                    ("hosts", 1.0),
                    ("profile.pullMiBps", 0.001),
                    ("autoscaler.minInstances", 1.0),
                ],
            )
            .unwrap(),
        );
        assert_eq!(col(&o, "pulling").iter().cloned().fold(0.0, f64::max), 0.0);
    }

    #[test]
    fn seeded_noise_is_reproducible() {
        let a = run_preset(1, &[("demand.noise", 0.2), ("seed", 7.0)]).unwrap();
        let b = run_preset(1, &[("demand.noise", 0.2), ("seed", 7.0)]).unwrap();
        let c = run_preset(1, &[("demand.noise", 0.2), ("seed", 8.0)]).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn points_tail_is_validated() {
        let (mut v, _) = super::super::preset(1, 1).unwrap();
        let i = PARAMS
            .iter()
            .position(|p| p.name == "demand.shape")
            .unwrap();
        v[i] = SHAPE_POINTS;
        assert_eq!(super::super::run(1, &v).unwrap_err().field, "demand.points");
        let mut w = v.clone();
        w.extend_from_slice(&[2.0, 0.0, 100.0, 100.0, 2000.0]);
        let o = unpack(&super::super::run(1, &w).unwrap());
        assert_eq!(col(&o, "demandRps")[50], 1050.0);
        let mut w = v.clone();
        w.extend_from_slice(&[2.0, 10.0, 100.0, 5.0, 2000.0]);
        assert_eq!(
            super::super::run(1, &w).unwrap_err().field,
            "demand.points[1].tS"
        );
        let mut w = v;
        w.extend_from_slice(&[1.0, 10.0, -1.0]);
        assert_eq!(
            super::super::run(1, &w).unwrap_err().field,
            "demand.points[0].rps"
        );
    }

    #[test]
    fn limits_and_inconsistent_inputs_are_errors() {
        let e = run_preset(0, &[("durationS", 604_800.0), ("sampleS", 0.01)]).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            (ErrorCode::LimitExceeded, "sampleS")
        );
        let e = run_preset(0, &[("autoscaler.minInstances", 40.0)]).unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            (ErrorCode::Inconsistent, "autoscaler.minInstances")
        );
        let e = run_preset(0, &[("hosts", 0.5)]).unwrap_err();
        assert!(e.message.contains("integer"));
    }

    #[test]
    fn stepping_matches_one_shot() {
        let (v, _) = super::super::preset(1, 2).unwrap();
        let whole = super::super::run(1, &v).unwrap();
        let mut sim = TrafficSim::new(&v).unwrap();
        let mut steps = 0;
        while !sim.step(10).unwrap() {
            steps += 1;
            assert!(sim.result().is_err());
        }
        assert!(steps > 10);
        assert_eq!(sim.result().unwrap(), whole);
    }
}

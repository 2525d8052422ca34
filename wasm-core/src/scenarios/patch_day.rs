//! Patch day: patch every running kernel of a fleet, rolling.
//!
//! `apps` apps run as VMs, microVMs or containers spread evenly over `hosts`.
//! Two counts are kept apart (a modelling choice, no published
//! figure):
//! - images to rebuild (build work): one guest disk per VM, patched in place;
//!   one shared guest kernel and root image for a microVM fleet (Kata and
//!   Firecracker fleets usually boot every instance from the same image); one
//!   shared base image for containers.
//! - running kernels to restart (downtime): every guest kernel, even one
//!   booted from a shared image file, plus every host: `apps + hosts` for VMs
//!   and microVMs, `hosts` for containers.
//!
//! Tasks: first each app restarts onto the patched image (a guest reboot, or
//! a container replaced on the rebuilt image; down `instanceRestartS`), then
//! every host kernel is patched. The restart times of the presets are on one
//! basis where one exists: `docker run` to the app's first command for the
//! container (runc) and the microVM (a Kata sandbox), from the same
//! measurement (Quark container start benchmark); the VM's is a guest boot (Depot).
//! gVisor, which has no guest Linux kernel, is not one of these designs.
//!
//! - A host patch, with `drainBeforeReboot`, first restarts each of its apps
//!   elsewhere (one restart each; spare capacity is assumed), then reboots
//!   the empty host: drain, then reboot, so the host's reboot starts only
//!   once every one of its drain restarts has finished. Without it the
//!   host's apps are down for `hostRebootS + instanceRestartS`.
//!
//! Tasks run in order as a rolling update: a task starts when the apps it
//! takes down fit under `maxUnavailable` (or nothing is down) and, for host
//! reboots, fewer than `maxHostsRebooting` hosts are rebooting and the
//! host's own drain restarts are done. With
//! `strictWaves` tasks start in waves instead: a wave is filled up to those
//! limits and the next starts only when every task of the previous one has
//! finished. Each duration can vary by ±`jitter` (seeded).
//!
//! Blast radius: the apps one kernel bug exposes to an attacker inside one
//! app: 1 for a VM or microVM (its own guest kernel), every app on the
//! busiest host for containers (one shared kernel).

use super::{
    get, hash_halves, not_finished, p, pack, validate, Lesson, Output, Override, ParamSpec, CHOICE,
    DOCKER_RUN_KATA_S, DOCKER_RUN_KATA_SOURCE, DOCKER_RUN_RUNC_S, DOCKER_RUN_RUNC_SOURCE,
    MAX_EVENTS, MAX_SEED,
};
use crate::engine::{Engine, Model, StepOutcome};
use crate::error::{Error, ErrorCode};

pub const MAX_SAMPLES: usize = 1_000_000;

pub const VARIANTS: &[&str] = &["vm", "container", "microvm"];

pub const MODE_VM: f64 = 0.0;
pub const MODE_CONTAINER: f64 = 1.0;
pub const MODE_MICROVM: f64 = 2.0;

/// The patching article's illustrative fleet (a lesson preset restores it).
const APPS: f64 = 200.0;
const HOSTS: f64 = 10.0;

pub const PARAMS: &[ParamSpec] = &[
    // The core takes any 53-bit seed; a slider over that range is unusable
    // (one pixel is millions of seeds), so it spans what a reader tries.
    p("seed", 1.0, 0.0, MAX_SEED, true, "", "any seed; draws only with jitter > 0")
        .slider(0.0, 999_999.0),
    p("mode", 0.0, 0.0, 2.0, true, "choice:vm|container|microvm", "preset"),
    p("apps", APPS, 1.0, 1_000_000.0, true, "apps", "modelling choice: the illustrative 200 apps on 10 hosts of the patching article")
        .log()
        .slider(1.0, 100_000.0),
    p("hosts", HOSTS, 1.0, 100_000.0, true, "hosts", "modelling choice: the illustrative 200 apps on 10 hosts of the patching article")
        .log()
        .slider(1.0, 10_000.0),
    p("maxUnavailable", 10.0, 1.0, 1_000_000.0, true, "apps", "modelling choice: 5 % of 200 apps; Kubernetes Deployments default to 25 %")
        .log()
        .slider(1.0, 100_000.0),
    p("maxHostsRebooting", 1.0, 1.0, 100_000.0, true, "hosts", CHOICE).slider(1.0, 10_000.0),
    p("instanceRestartS", 8.0, 0.0, 86_400.0, false, "s", "Depot: Ubuntu cloud image + cloud-init boots in 7–9 s; 8 is the midpoint")
        .step(0.001)
        .log(),
    p("hostRebootS", 180.0, 0.0, 86_400.0, false, "s", "modelling choice: a few minutes for a server to reboot into a patched kernel (firmware, kernel and services); no published figure found")
        .step(1.0)
        .log(),
    p("drainBeforeReboot", 1.0, 0.0, 1.0, true, "flag", CHOICE),
    p("strictWaves", 0.0, 0.0, 1.0, true, "flag", CHOICE),
    p("jitter", 0.0, 0.0, 1.0, false, "fraction", CHOICE).step(0.05),
    p("sampleS", 10.0, 0.01, 86_400.0, false, "s", CHOICE),
];

pub const OVERRIDES: &[Override] = &[
    (1, "mode", MODE_CONTAINER, "preset"),
    (
        1,
        "instanceRestartS",
        DOCKER_RUN_RUNC_S,
        DOCKER_RUN_RUNC_SOURCE,
    ),
    (2, "mode", MODE_MICROVM, "preset"),
    (
        2,
        "instanceRestartS",
        DOCKER_RUN_KATA_S,
        DOCKER_RUN_KATA_SOURCE,
    ),
];

/// The widget's lesson presets (labels are the widget's presentation).
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "article",
        sources: &["modelling choice: the illustrative fleet of the patching article"],
        values: &[("", "apps", APPS), ("", "hosts", HOSTS)],
    },
    Lesson {
        id: "quiz",
        sources: &["modelling choice: the fleet of the patching article’s first question"],
        values: &[("", "apps", 120.0), ("", "hosts", 8.0)],
    },
    Lesson {
        id: "k8s-25",
        sources: &["Kubernetes Deployments documentation: maxUnavailable defaults to 25 % (references: k8s-deployment); 25 % of 200 apps = 50"],
        values: &[("", "apps", APPS), ("", "maxUnavailable", 0.25 * APPS)],
    },
    Lesson {
        id: "one-at-a-time",
        sources: &["modelling choice: the most cautious rolling update"],
        values: &[("", "maxUnavailable", 1.0)],
    },
    Lesson {
        id: "no-drain",
        sources: &["modelling choice: apps stay on their host and are down for its reboot"],
        values: &[("", "drainBeforeReboot", 0.0)],
    },
    Lesson {
        id: "jittered",
        sources: &["modelling choice: every duration ± 50 %, and each wave waits for its slowest task"],
        values: &[("", "jitter", 0.5), ("", "strictWaves", 1.0)],
    },
];

pub const COLUMNS: &[Output] = &[
    ("timeS", "s"),
    ("appsDown", "apps"),
    ("capacityLost", "fraction"),
    ("hostsRebooting", "hosts"),
    ("kernelsPatched", "kernels"),
];

pub const SUMMARY: &[Output] = &[
    ("totalS", "s"),
    ("kernelsToRestart", "kernels"),
    ("imagesToRebuild", "images"),
    ("appDowntimeS", "app·s"),
    ("restarts", "restarts"),
    ("maxAppsDown", "apps"),
    ("blastRadiusApps", "apps"),
    ("appsPerHost", "apps"),
    ("waves", "waves"),
    ("events", "events"),
    ("traceHashHi", ""),
    ("traceHashLo", ""),
];

#[derive(Clone, Copy, Debug)]
struct Task {
    apps_down: u32,
    duration_s: f64,
    host_reboot: bool,
    kernels: u32,
    /// The host this task drains (a drain restart) or reboots; `None` in phase 1.
    host: Option<u32>,
    start_s: f64,
}

#[derive(Clone, Copy, Debug)]
pub enum Event {
    Sample(u32),
    TaskDone(u32),
}

pub struct PatchModel {
    tasks: Vec<Task>,
    next_task: usize,
    done_tasks: usize,
    max_unavailable: u32,
    max_hosts_rebooting: u32,
    /// Per host, its drain restarts not finished yet; its reboot waits for 0.
    draining: Vec<u32>,
    strict_waves: bool,
    running: u32,
    waves: u32,
    last_wave_start: f64,
    jitter: f64,
    sample_s: f64,
    apps: u32,
    apps_down: u32,
    hosts_rebooting: u32,
    kernels_patched: u32,
    app_downtime_s: f64,
    max_apps_down: u32,
    finished_at: f64,
    columns: Vec<Vec<f64>>,
}

impl Model for PatchModel {
    type Event = Event;
    fn handle(&mut self, e: &mut Engine<Event>, ev: Event) -> Result<(), Error> {
        match ev {
            Event::Sample(k) => self.on_sample(e, k),
            Event::TaskDone(i) => self.on_task_done(e, i),
        }
    }
    fn event_code(ev: &Event) -> u64 {
        match *ev {
            Event::Sample(k) => k as u64,
            Event::TaskDone(i) => 1 << 32 | i as u64,
        }
    }
}

impl PatchModel {
    fn record(&mut self, t: f64) {
        let row = [
            t,
            self.apps_down as f64,
            self.apps_down as f64 / self.apps as f64,
            self.hosts_rebooting as f64,
            self.kernels_patched as f64,
        ];
        for (c, v) in self.columns.iter_mut().zip(row) {
            c.push(v);
        }
    }

    fn on_sample(&mut self, e: &mut Engine<Event>, k: u32) -> Result<(), Error> {
        self.record(e.now());
        if self.done_tasks < self.tasks.len() {
            if self.columns[0].len() >= MAX_SAMPLES {
                return Err(Error::new(
                    ErrorCode::LimitExceeded,
                    "sampleS",
                    format!(
                        "patch day needs more than {} samples; raise sampleS",
                        MAX_SAMPLES
                    ),
                ));
            }
            e.schedule_at((k + 1) as f64 * self.sample_s, Event::Sample(k + 1))?;
        }
        Ok(())
    }

    /// Starts tasks in order while the rolling limits allow.
    fn start_ready(&mut self, e: &mut Engine<Event>) -> Result<(), Error> {
        if self.strict_waves && self.running > 0 {
            return Ok(());
        }
        while self.next_task < self.tasks.len() {
            let t = self.tasks[self.next_task];
            let fits_apps =
                self.apps_down == 0 || self.apps_down + t.apps_down <= self.max_unavailable;
            let fits_hosts = !t.host_reboot || self.hosts_rebooting < self.max_hosts_rebooting;
            // Drain, then reboot: a host reboots only once its apps have restarted elsewhere.
            let drained = !t.host_reboot || t.host.map_or(true, |h| self.draining[h as usize] == 0);
            if !(fits_apps && fits_hosts && drained) {
                break;
            }
            // A wave is the set of tasks started at one instant.
            if self.waves == 0 || e.now() > self.last_wave_start {
                self.waves += 1;
                self.last_wave_start = e.now();
            }
            self.running += 1;
            let mut d = t.duration_s;
            if self.jitter > 0.0 {
                d *= 1.0 + self.jitter * (2.0 * e.rng().next_f64() - 1.0);
            }
            self.tasks[self.next_task].duration_s = d;
            self.tasks[self.next_task].start_s = e.now();
            self.apps_down += t.apps_down;
            self.max_apps_down = self.max_apps_down.max(self.apps_down);
            self.app_downtime_s += t.apps_down as f64 * d;
            if t.host_reboot {
                self.hosts_rebooting += 1;
            }
            e.schedule_in(d, Event::TaskDone(self.next_task as u32))?;
            self.next_task += 1;
        }
        Ok(())
    }

    fn on_task_done(&mut self, e: &mut Engine<Event>, i: u32) -> Result<(), Error> {
        let t = self.tasks[i as usize];
        self.running -= 1;
        self.apps_down -= t.apps_down;
        if t.host_reboot {
            self.hosts_rebooting -= 1;
        } else if let Some(h) = t.host {
            self.draining[h as usize] -= 1;
        }
        self.kernels_patched += t.kernels;
        self.done_tasks += 1;
        if self.done_tasks == self.tasks.len() {
            self.finished_at = e.now();
        }
        self.start_ready(e)
    }
}

pub struct PatchSim {
    engine: Engine<Event>,
    model: PatchModel,
    summary_fixed: [f64; 5],
    done: bool,
}

impl PatchSim {
    pub fn new(values: &[f64]) -> Result<PatchSim, Error> {
        validate(PARAMS, values, false)?;
        let g = |n: &str| get(PARAMS, values, n);
        let mode = g("mode")?;
        let apps = g("apps")? as u32;
        let hosts = g("hosts")? as u32;
        let restart = g("instanceRestartS")?;
        let host_reboot = g("hostRebootS")?;
        let drain = g("drainBeforeReboot")? == 1.0;
        let guests = mode != MODE_CONTAINER;

        let mut tasks = Vec::new();
        // Phase 1: every guest reboots into its patched kernel, or every container restarts on its rebuilt image.
        for _ in 0..apps {
            tasks.push(Task {
                apps_down: 1,
                duration_s: restart,
                host_reboot: false,
                kernels: if guests { 1 } else { 0 },
                host: None,
                start_s: 0.0,
            });
        }
        // Phase 2: host kernels. Apps are spread evenly: the first `apps % hosts` hosts get one more.
        let (base, extra) = (apps / hosts, apps % hosts);
        let mut draining = vec![0u32; hosts as usize];
        for h in 0..hosts {
            let on_host = base + if h < extra { 1 } else { 0 };
            if drain {
                for _ in 0..on_host {
                    tasks.push(Task {
                        apps_down: 1,
                        duration_s: restart,
                        host_reboot: false,
                        kernels: 0,
                        host: Some(h),
                        start_s: 0.0,
                    });
                }
                draining[h as usize] = on_host;
                tasks.push(Task {
                    apps_down: 0,
                    duration_s: host_reboot,
                    host_reboot: true,
                    kernels: 1,
                    host: Some(h),
                    start_s: 0.0,
                });
            } else {
                tasks.push(Task {
                    apps_down: on_host,
                    duration_s: host_reboot + restart,
                    host_reboot: true,
                    kernels: 1,
                    host: Some(h),
                    start_s: 0.0,
                });
            }
        }
        let restarts = tasks.iter().filter(|t| !t.host_reboot).count() as f64
            + if drain { 0.0 } else { apps as f64 };
        let apps_per_host = (base + if extra > 0 { 1 } else { 0 }) as f64;
        let summary_fixed = [
            if guests {
                (apps + hosts) as f64
            } else {
                hosts as f64
            },
            // Each VM's disk carries its own OS; a microVM fleet boots one
            // shared guest image; containers share one base image.
            if mode == MODE_VM { apps as f64 } else { 1.0 },
            restarts,
            if guests { 1.0 } else { apps_per_host },
            apps_per_host,
        ];
        let mut engine = Engine::new(g("seed")? as u64, f64::MAX, MAX_EVENTS);
        let mut model = PatchModel {
            tasks,
            next_task: 0,
            done_tasks: 0,
            max_unavailable: g("maxUnavailable")? as u32,
            max_hosts_rebooting: g("maxHostsRebooting")? as u32,
            draining,
            strict_waves: g("strictWaves")? == 1.0,
            running: 0,
            waves: 0,
            last_wave_start: 0.0,
            jitter: g("jitter")?,
            sample_s: g("sampleS")?,
            apps,
            apps_down: 0,
            hosts_rebooting: 0,
            kernels_patched: 0,
            app_downtime_s: 0.0,
            max_apps_down: 0,
            finished_at: 0.0,
            columns: (0..COLUMNS.len()).map(|_| Vec::new()).collect(),
        };
        model.start_ready(&mut engine)?;
        engine.schedule_at(0.0, Event::Sample(0))?;
        Ok(PatchSim {
            engine,
            model,
            summary_fixed,
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
        [
            if self.done { 1.0 } else { 0.0 },
            m.done_tasks as f64 / m.tasks.len().max(1) as f64,
            self.engine.processed() as f64,
        ]
    }

    pub fn result(&self) -> Result<Vec<f64>, Error> {
        if !self.done {
            return Err(not_finished());
        }
        let m = &self.model;
        let [hi, lo] = hash_halves(self.engine.trace_hash());
        let f = self.summary_fixed;
        let summary = [
            m.finished_at,
            f[0],
            f[1],
            m.app_downtime_s,
            f[2],
            m.max_apps_down as f64,
            f[3],
            f[4],
            m.waves as f64,
            self.engine.processed() as f64,
            hi,
            lo,
        ];
        // The final state (all patched) as a last row at the finish time, if sampling missed it.
        let mut cols = m.columns.clone();
        if cols[0].last().map_or(true, |&t| t < m.finished_at) {
            let row = [m.finished_at, 0.0, 0.0, 0.0, m.kernels_patched as f64];
            for (c, v) in cols.iter_mut().zip(row) {
                c.push(v);
            }
        }
        Ok(pack(&summary, &cols))
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util;
    use super::*;

    fn run_with(variant: u32, edit: &[(&str, f64)]) -> Result<Vec<f64>, Error> {
        test_util::run_with(super::super::KIND_PATCH_DAY, PARAMS, variant, edit)
    }
    fn summary(v: &[f64], name: &str) -> f64 {
        test_util::summary(SUMMARY, v, name)
    }
    fn column(v: &[f64], name: &str) -> Vec<f64> {
        test_util::column(COLUMNS, v, name)
    }

    #[test]
    fn vm_fleet_patches_guest_and_host_kernels() {
        let v = run_with(0, &[]).unwrap();
        assert_eq!(summary(&v, "kernelsToRestart"), 210.0);
        assert_eq!(summary(&v, "imagesToRebuild"), 200.0);
        assert_eq!(summary(&v, "blastRadiusApps"), 1.0);
        // Phase 1: 200 reboots of 8 s, 10 at a time = 160 s. Phase 2: per host, 20 app restarts
        // (2 waves of 8 s), then a 180 s reboot with no app down, during which the next host drains.
        let total = summary(&v, "totalS");
        assert!(total > 160.0 + 180.0, "{}", total);
        assert_eq!(*column(&v, "kernelsPatched").last().unwrap(), 210.0);
        assert_eq!(summary(&v, "maxAppsDown"), 10.0);
        assert!(column(&v, "appsDown").iter().all(|&a| a <= 10.0));
        assert!(column(&v, "hostsRebooting").iter().all(|&h| h <= 1.0));
        // Every restart takes one app down for 8 s: 200 guest reboots + 200 moves.
        assert!((summary(&v, "appDowntimeS") - 400.0 * 8.0).abs() < 1e-9);
    }

    /// Runs to the end and returns the model, whose tasks keep their start times and durations.
    fn finished_model(variant: u32, edit: &[(&str, f64)]) -> PatchModel {
        let (mut v, _) = super::super::preset(super::super::KIND_PATCH_DAY, variant).unwrap();
        for &(n, x) in edit {
            v[PARAMS.iter().position(|p| p.name == n).expect("known")] = x;
        }
        let mut sim = PatchSim::new(&v).unwrap();
        while !sim.step(100_000).unwrap() {}
        sim.model
    }

    #[test]
    fn a_host_reboots_only_after_its_drain_restarts_finish() {
        let cases: &[(u32, &[(&str, f64)])] = &[
            (0, &[]),
            (1, &[]),
            (2, &[]),
            (0, &[("jitter", 0.5), ("seed", 7.0)]),
            (
                1,
                &[
                    ("jitter", 0.9),
                    ("seed", 11.0),
                    ("maxHostsRebooting", 3.0),
                    ("maxUnavailable", 25.0),
                ],
            ),
            (0, &[("strictWaves", 1.0), ("jitter", 0.3), ("seed", 2.0)]),
            (
                0,
                &[
                    ("apps", 23.0),
                    ("hosts", 7.0),
                    ("maxUnavailable", 100.0),
                    ("maxHostsRebooting", 7.0),
                ],
            ),
            (0, &[("apps", 3.0), ("hosts", 5.0)]),
        ];
        for (variant, edit) in cases {
            let m = finished_model(*variant, edit);
            assert_eq!(m.done_tasks, m.tasks.len());
            let hosts = m.draining.len() as u32;
            for h in 0..hosts {
                let of_host = || m.tasks.iter().filter(move |t| t.host == Some(h));
                let reboot = of_host()
                    .find(|t| t.host_reboot)
                    .expect("one reboot per host");
                let drained_at = of_host()
                    .filter(|t| !t.host_reboot)
                    .map(|t| t.start_s + t.duration_s)
                    .fold(0.0, f64::max);
                assert!(
                    reboot.start_s >= drained_at,
                    "{:?} {:?}: host {} reboots at {} s, its drain ends at {} s",
                    variant,
                    edit,
                    h,
                    reboot.start_s,
                    drained_at
                );
            }
        }
        // Default VM fleet: 160 s of guest reboots, host 0 drains in two waves of 8 s (to 176 s), then
        // ten 180 s host reboots one at a time, each next host draining during the previous reboot.
        let v = run_with(0, &[]).unwrap();
        assert_eq!(summary(&v, "totalS"), 160.0 + 16.0 + 10.0 * 180.0);
    }

    #[test]
    fn container_fleet_patches_host_kernels_only_but_shares_them() {
        let v = run_with(1, &[]).unwrap();
        assert_eq!(summary(&v, "kernelsToRestart"), 10.0);
        assert_eq!(summary(&v, "imagesToRebuild"), 1.0);
        assert_eq!(summary(&v, "blastRadiusApps"), 20.0);
        let vm = run_with(0, &[]).unwrap();
        assert!(summary(&v, "appDowntimeS") < summary(&vm, "appDowntimeS"));
    }

    #[test]
    fn microvm_fleet_rebuilds_one_image_but_restarts_every_kernel() {
        let v = run_with(2, &[]).unwrap();
        assert_eq!(summary(&v, "kernelsToRestart"), 210.0);
        assert_eq!(summary(&v, "imagesToRebuild"), 1.0);
        assert_eq!(summary(&v, "blastRadiusApps"), 1.0);
        // On one start-time basis (docker run), a Kata sandbox restarts more
        // slowly than a runc container, so its apps are down longer.
        let ct = run_with(1, &[]).unwrap();
        assert!(summary(&v, "appDowntimeS") > summary(&ct, "appDowntimeS"));
    }

    #[test]
    fn without_drain_a_host_reboot_takes_its_apps_down() {
        let v = run_with(
            1,
            &[
                ("drainBeforeReboot", 0.0),
                ("hosts", 4.0),
                ("apps", 10.0),
                ("maxUnavailable", 1.0),
            ],
        )
        .unwrap();
        // Hosts carry 3, 3, 2, 2 apps; a host task runs alone (nothing else down).
        assert_eq!(summary(&v, "maxAppsDown"), 3.0);
        assert_eq!(summary(&v, "appsPerHost"), 3.0);
        // 10 container restarts one at a time, then 4 host reboots of 180 s + a restart in sequence.
        let r = 0.607;
        assert!((summary(&v, "totalS") - (10.0 * r + 4.0 * (180.0 + r))).abs() < 1e-9);
        assert!((summary(&v, "appDowntimeS") - (10.0 * r + 10.0 * (180.0 + r))).abs() < 1e-9);
    }

    #[test]
    fn strict_waves_wait_for_the_whole_wave() {
        // Jitter makes tasks in a wave end at different times; strict waves wait for the slowest.
        let edit = [
            ("jitter", 0.5),
            ("seed", 3.0),
            ("apps", 40.0),
            ("hosts", 2.0),
            ("drainBeforeReboot", 0.0),
            ("maxUnavailable", 10.0),
        ];
        let rolling = run_with(0, &edit).unwrap();
        let mut strict_edit = edit.to_vec();
        strict_edit.push(("strictWaves", 1.0));
        let strict = run_with(0, &strict_edit).unwrap();
        assert!(summary(&strict, "totalS") > summary(&rolling, "totalS"));
        // 40 guest reboots in waves of 10, then one wave per host (20 apps each, alone).
        assert_eq!(summary(&strict, "waves"), 4.0 + 2.0);
        assert!(summary(&rolling, "waves") > 6.0);
        assert_eq!(summary(&strict, "kernelsToRestart"), 42.0);
    }

    #[test]
    fn jitter_is_seeded_and_inputs_checked() {
        let a = run_with(0, &[("jitter", 0.3), ("seed", 5.0)]).unwrap();
        let b = run_with(0, &[("jitter", 0.3), ("seed", 5.0)]).unwrap();
        let c = run_with(0, &[("jitter", 0.3), ("seed", 6.0)]).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(run_with(0, &[("apps", 0.0)]).unwrap_err().field, "apps");
        let e = run_with(
            0,
            &[
                ("sampleS", 0.01),
                ("hostRebootS", 86_400.0),
                ("hosts", 1000.0),
            ],
        )
        .unwrap_err();
        assert_eq!(
            (e.code, e.field.as_str()),
            (ErrorCode::LimitExceeded, "sampleS")
        );
    }
}

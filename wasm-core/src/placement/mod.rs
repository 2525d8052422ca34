//! Placement of workloads onto hosts over the resource vector
//! (CPU millicores, memory MiB, disk MiB), with overcommit ratios.
//!
//! Policies (one per file, behind [`Policy`]):
//! - first-fit: lowest-index host that fits;
//! - next-fit: first host at or after the current one that fits (earlier
//!   hosts are closed, as in bin-packing next-fit);
//! - first-fit-wrap: first host at or after the one that took the previous
//!   workload, wrapping around to host 0 (CloudSim Plus's first-fit);
//! - best-fit: host with the least free capacity in the primary dimension
//!   (memory unless configured) among hosts that fit, ties to lowest index;
//! - worst-fit (spread): the most free in the primary dimension, ties to
//!   lowest index;
//! - first-fit-decreasing / best-fit-decreasing: the same after sorting
//!   workloads by size, largest first. Size = Σ over dimensions of
//!   footprint / largest host capacity in that dimension (dimensions where
//!   every host has 0 are skipped); equal sizes keep input order.
//!
//! "Fits" means every dimension of the footprint is ≤ the host's free amount.
//!
//! A host's usable capacity per dimension is floor((capacity − reserve) ×
//! overcommit ratio): the reserve stands for the host OS / hypervisor, the
//! ratio (≥ 1) lets requests exceed physical capacity.

mod best_fit;
pub mod brute;
mod first_fit;
mod first_fit_wrap;
mod next_fit;
pub mod tree;
pub mod worst_fit;

use crate::error::{check_range, Error, ErrorCode};
use tree::MaxTree;

pub use best_fit::BestFit;
pub use first_fit::FirstFit;
pub use first_fit_wrap::FirstFitWrap;
pub use next_fit::NextFit;
pub use worst_fit::WorstFit;

/// Amounts per dimension: [cpuMillis, memMiB, diskMiB].
pub type Vec3 = [u32; 3];

pub const DIM_NAMES: [&str; 3] = ["cpuMillis", "memMiB", "diskMiB"];
pub const MAX_WORKLOADS: usize = 10_000_000;
pub const MAX_HOSTS: usize = 4_000_000;
pub const MAX_OVERCOMMIT: f64 = 64.0;
/// Largest amount in any dimension (an app request or a host capacity).
pub const MAX_AMOUNT: f64 = u32::MAX as f64;
/// Marks an unplaced workload in an assignment.
pub const UNPLACED: u32 = u32::MAX;

#[inline]
pub fn fits(free: &Vec3, d: &Vec3) -> bool {
    free[0] >= d[0] && free[1] >= d[1] && free[2] >= d[2]
}

/// `a == b` without the memcmp call that array `==` becomes in wasm.
#[inline]
pub fn same3(a: &Vec3, b: &Vec3) -> bool {
    (a[0] == b[0]) & (a[1] == b[1]) & (a[2] == b[2])
}

/// One placement policy: chooses a host for a footprint and commits it.
pub trait Policy {
    /// The chosen host (already charged with `d`), or None if none fits.
    fn place(&mut self, d: &Vec3) -> Option<usize>;
    /// Host `h`'s free amounts now.
    fn free(&self, h: usize) -> Vec3;
    /// Next-fit's current host, first-fit-wrap's start; 0 for the others.
    fn cursor(&self) -> usize {
        0
    }
    /// Removes host `h` from future searches; called only when no remaining
    /// workload can fit it, so choices do not change (searches get shorter).
    fn retire(&mut self, _h: usize) {}
}

/// Component-wise minimum of the footprints still to place, as change
/// points: (position in placement order from which it holds, minimum).
/// A host whose free vector does not cover it can take no remaining
/// workload. Few change points in practice, so this stays small.
fn suffix_minima(w: &Workloads, fp: &Footprint, order: Option<&[u32]>) -> Vec<(usize, Vec3)> {
    let n = w.len();
    let at = |pos: usize| -> usize { order.map_or(pos, |o| o[pos] as usize) };
    let mut out: Vec<(usize, Vec3)> = Vec::new();
    let mut cur = [u32::MAX; 3];
    for pos in (0..n).rev() {
        let d = fp.apply(&w.get(at(pos)));
        let next = [cur[0].min(d[0]), cur[1].min(d[1]), cur[2].min(d[2])];
        if !same3(&next, &cur) || out.is_empty() {
            out.push((pos, next));
            cur = next;
        } else if let Some(last) = out.last_mut() {
            last.0 = pos;
        }
    }
    out.reverse();
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    FirstFit = 0,
    NextFit = 1,
    BestFit = 2,
    WorstFit = 3,
    FirstFitDecreasing = 4,
    BestFitDecreasing = 5,
    /// Numbered after the others, so existing numbers keep their meaning.
    FirstFitWrap = 6,
}

impl PolicyKind {
    pub const ALL: [PolicyKind; 7] = [
        PolicyKind::FirstFit,
        PolicyKind::NextFit,
        PolicyKind::BestFit,
        PolicyKind::WorstFit,
        PolicyKind::FirstFitDecreasing,
        PolicyKind::BestFitDecreasing,
        PolicyKind::FirstFitWrap,
    ];

    pub fn from_u32(v: u32) -> Result<PolicyKind, Error> {
        PolicyKind::ALL.get(v as usize).copied().ok_or_else(|| {
            Error::out_of_range("policy", v as f64, 0.0, (PolicyKind::ALL.len() - 1) as f64)
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::FirstFit => "first-fit",
            PolicyKind::NextFit => "next-fit",
            PolicyKind::BestFit => "best-fit",
            PolicyKind::WorstFit => "worst-fit",
            PolicyKind::FirstFitDecreasing => "first-fit-decreasing",
            PolicyKind::BestFitDecreasing => "best-fit-decreasing",
            PolicyKind::FirstFitWrap => "first-fit-wrap",
        }
    }

    pub fn decreasing(self) -> bool {
        matches!(
            self,
            PolicyKind::FirstFitDecreasing | PolicyKind::BestFitDecreasing
        )
    }
}

/// Turns an app's request into the instance's footprint (see `profiles.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Footprint {
    pub mem_overhead_mib: u32,
    pub cpu_overhead_millis: u32,
    /// Fraction of host CPU that reaches the app, in (0, 1].
    pub cpu_efficiency: f64,
    pub disk_overhead_mib: u32,
}

impl Footprint {
    pub const NONE: Footprint = Footprint {
        mem_overhead_mib: 0,
        cpu_overhead_millis: 0,
        cpu_efficiency: 1.0,
        disk_overhead_mib: 0,
    };

    pub fn new(
        mem_overhead_mib: f64,
        cpu_overhead_millis: f64,
        cpu_efficiency: f64,
        disk_overhead_mib: f64,
    ) -> Result<Footprint, Error> {
        Ok(Footprint {
            mem_overhead_mib: check_int("profile.memOverheadMiB", mem_overhead_mib)?,
            cpu_overhead_millis: check_int("profile.cpuOverheadMillis", cpu_overhead_millis)?,
            cpu_efficiency: check_range("profile.cpuEfficiency", cpu_efficiency, 0.01, 1.0)?,
            disk_overhead_mib: check_int("profile.diskOverheadMiB", disk_overhead_mib)?,
        })
    }

    /// The footprint of an app request; saturates at u32::MAX (which then
    /// fits no host and is reported as too large).
    #[inline]
    pub fn apply(&self, app: &Vec3) -> Vec3 {
        let cpu = if self.cpu_efficiency == 1.0 {
            app[0]
        } else {
            let c = (app[0] as f64 / self.cpu_efficiency).ceil();
            if c >= MAX_AMOUNT {
                u32::MAX
            } else {
                c as u32
            }
        };
        [
            cpu.saturating_add(self.cpu_overhead_millis),
            app[1].saturating_add(self.mem_overhead_mib),
            app[2].saturating_add(self.disk_overhead_mib),
        ]
    }
}

fn check_int(field: &str, v: f64) -> Result<u32, Error> {
    let v = check_range(field, v, 0.0, MAX_AMOUNT)?;
    if v != v.trunc() {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            field,
            format!(
                "{} must be a whole number, got {}",
                field,
                crate::error::Num(v)
            ),
        ));
    }
    Ok(v as u32)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    pub capacity: Vec3,
    pub reserve: Vec3,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub policy: PolicyKind,
    /// Dimension best-fit and worst-fit rank hosts by (0 cpu, 1 mem, 2 disk).
    pub primary: usize,
    /// Per dimension, ≥ 1.
    pub overcommit: [f64; 3],
    pub footprint: Footprint,
}

impl Config {
    pub fn new(policy: PolicyKind) -> Config {
        Config {
            policy,
            primary: 1,
            overcommit: [1.0; 3],
            footprint: Footprint::NONE,
        }
    }
}

/// App requests, row-major with `dims` (1 to 3) values per workload in the
/// order cpuMillis, memMiB, diskMiB; missing dimensions are 0.
#[derive(Clone, Copy, Debug)]
pub struct Workloads<'a> {
    pub data: &'a [u32],
    pub dims: usize,
}

impl<'a> Workloads<'a> {
    pub fn new(data: &'a [u32], dims: usize) -> Result<Workloads<'a>, Error> {
        if !(1..=3).contains(&dims) {
            return Err(Error::out_of_range("dims", dims as f64, 1.0, 3.0));
        }
        if data.len() % dims != 0 {
            return Err(Error::new(
                ErrorCode::BadBuffer,
                "workloads",
                format!(
                    "workloads has {} values, not a multiple of dims = {}",
                    data.len(),
                    dims
                ),
            ));
        }
        if data.len() / dims > MAX_WORKLOADS {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "workloads",
                format!(
                    "workloads has {} entries; the limit is {}",
                    data.len() / dims,
                    MAX_WORKLOADS
                ),
            ));
        }
        Ok(Workloads { data, dims })
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.data.len() / self.dims
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    // Forced inline in the speed build: a call returns the Vec3 through
    // memory in wasm, which cost more than the read.
    #[cfg_attr(feature = "speed", inline(always))]
    #[cfg_attr(not(feature = "speed"), inline)]
    pub fn get(&self, i: usize) -> Vec3 {
        // One arm per width: a copy of a run-time length would call memmove
        // for every workload (hot in every policy's loop).
        let d = self.data;
        match self.dims {
            1 => [d[i], 0, 0],
            2 => [d[2 * i], d[2 * i + 1], 0],
            _ => [d[3 * i], d[3 * i + 1], d[3 * i + 2]],
        }
    }
}

/// Why a workload was not placed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Reason {
    /// No host could take it even when empty: for every host, some
    /// dimension of the footprint exceeds that host's usable capacity. Mask:
    /// the dimensions that exceed the largest host; when there are none (the
    /// hosts' shapes differ: hosts (10, 1) and (1, 10), workload (5, 5)),
    /// the dimensions that exceed some host.
    TooLarge = 1,
    /// Some empty host could take it, but now no host has that much free in
    /// some dimension (mask: those dimensions).
    NoRoom = 2,
    /// Some empty host could take it, and every dimension is free on some
    /// host now, but no single host has all of it free: earlier placements
    /// split the room.
    Fragmented = 3,
    /// Next-fit only: a host it passed earlier would fit, but is closed.
    PassedByNextFit = 4,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unplaced {
    pub workload: u32,
    pub reason: Reason,
    /// Bit k set = dimension k is short.
    pub dims_mask: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Summary {
    pub placed: u64,
    pub unplaced: u64,
    pub hosts_used: u64,
    /// Sums of app requests placed, per dimension.
    pub app: [u64; 3],
    /// Sums of footprint − request placed (guest OS, VMM, CPU efficiency loss).
    pub overhead: [u64; 3],
    /// Sums over all hosts: raw capacity, reserve, usable capacity.
    pub raw_capacity: [u64; 3],
    pub reserve: [u64; 3],
    pub usable: [u64; 3],
    /// Usable capacity of the hosts that received at least one workload.
    pub usable_on_used_hosts: [u64; 3],
    /// Free capacity on used hosts that can no longer take even the smallest
    /// workload of this input: a host is "stuck" when its free vector does
    /// not cover the component-wise minimum footprint; all its free capacity
    /// counts as stranded.
    pub stranded: [u64; 3],
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// Host per workload (input order), [`UNPLACED`] if none.
    pub assignment: Vec<u32>,
    /// In placement order.
    pub unplaced: Vec<Unplaced>,
    /// Usable capacity per host.
    pub host_usable: Vec<Vec3>,
    /// Footprint placed per host.
    pub host_used: Vec<Vec3>,
    pub summary: Summary,
}

/// Usable capacity per host, after reserve and overcommit.
pub fn usable_capacity(hosts: &[Host], overcommit: &[f64; 3]) -> Result<Vec<Vec3>, Error> {
    if hosts.len() > MAX_HOSTS {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "hosts",
            format!(
                "hosts has {} entries; the limit is {}",
                hosts.len(),
                MAX_HOSTS
            ),
        ));
    }
    let names = ["overcommit.cpu", "overcommit.mem", "overcommit.disk"];
    for k in 0..3 {
        check_range(names[k], overcommit[k], 1.0, MAX_OVERCOMMIT)?;
    }
    let mut out = Vec::new();
    out.try_reserve_exact(hosts.len()).map_err(|_| {
        Error::new(
            ErrorCode::LimitExceeded,
            "hosts",
            "not enough memory for hosts".to_string(),
        )
    })?;
    for (i, h) in hosts.iter().enumerate() {
        let mut u = [0u32; 3];
        for k in 0..3 {
            if h.reserve[k] > h.capacity[k] {
                let f = format!("hosts[{}].reserve.{}", i, DIM_NAMES[k]);
                return Err(Error::out_of_range(
                    &f,
                    h.reserve[k] as f64,
                    0.0,
                    h.capacity[k] as f64,
                ));
            }
            let v = ((h.capacity[k] - h.reserve[k]) as f64 * overcommit[k]).floor();
            if v > MAX_AMOUNT {
                // Named as the input has it: the host's amount and the ratio that multiplied it.
                let f = format!("hosts[{}].{}", i, DIM_NAMES[k]);
                return Err(Error::new(
                    ErrorCode::LimitExceeded,
                    &f,
                    format!(
                        "{} (less its reserve) × {} {} is {}, more than the largest amount, {}",
                        f,
                        names[k],
                        crate::error::Num(overcommit[k]),
                        crate::error::Num(v),
                        u32::MAX
                    ),
                ));
            }
            u[k] = v as u32;
        }
        out.push(u);
    }
    Ok(out)
}

/// Worst-fit's thresholds (see `worst_fit.rs`) from the secondary-dimension
/// footprints of up to 4096 workloads spread evenly over the input: cheap,
/// deterministic, and only a matter of speed (any thresholds are exact).
fn worst_fit_thresholds(w: &Workloads, fp: &Footprint, primary: usize) -> Vec<u32> {
    let s = worst_fit::secondary(primary);
    let step = (w.len() / 4096).max(1);
    let mut v: Vec<u32> = (0..w.len())
        .step_by(step)
        .map(|i| fp.apply(&w.get(i))[s])
        .collect();
    worst_fit::thresholds(&mut v)
}

/// Workload indices in placement order for the decreasing policies (by
/// `few_keys_order` when it applies, else `radix_order`: the same order).
pub fn decreasing_order(w: &Workloads, fp: &Footprint, usable: &[Vec3]) -> Vec<u32> {
    let mut cmax = [0u32; 3];
    for u in usable {
        for k in 0..3 {
            cmax[k] = cmax[k].max(u[k]);
        }
    }
    let n = w.len();
    let keys: Vec<u64> = (0..n)
        .map(|i| {
            let d = fp.apply(&w.get(i));
            let mut s = 0.0f64;
            for k in 0..3 {
                if cmax[k] > 0 {
                    s += d[k] as f64 / cmax[k] as f64;
                }
            }
            // s ≥ 0 and finite, so its bit pattern orders like its value;
            // inverting the bits makes an ascending sort put the largest first.
            !s.to_bits()
        })
        .collect();
    #[cfg(feature = "speed")]
    if let Some(order) = few_keys_order(&keys) {
        return order;
    }
    radix_order(&keys)
}

/// Indices 0..n ordered by key ascending, equal keys in index order: an LSD
/// radix sort (stable), 11 bits per pass, skipping digits all keys share.
/// Much faster than a comparison sort at a million keys, and deterministic.
fn radix_order(keys: &[u64]) -> Vec<u32> {
    const BITS: u32 = 11;
    const BUCKETS: usize = 1 << BITS;
    let n = keys.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let mut tmp = vec![0u32; n];
    let mut shift = 0u32;
    while shift < 64 {
        let mut count = vec![0usize; BUCKETS + 1];
        for &k in keys {
            count[((k >> shift) as usize & (BUCKETS - 1)) + 1] += 1;
        }
        if count.contains(&n) && n > 0 {
            shift += BITS;
            continue; // every key has the same digit here
        }
        for b in 0..BUCKETS {
            count[b + 1] += count[b];
        }
        for &i in &order {
            let b = (keys[i as usize] >> shift) as usize & (BUCKETS - 1);
            tmp[count[b]] = i;
            count[b] += 1;
        }
        std::mem::swap(&mut order, &mut tmp);
        shift += BITS;
    }
    order
}

/// Most distinct keys `few_keys_order` handles (half its table's slots).
#[cfg(feature = "speed")]
const FEW_KEYS: usize = 4096;
/// Slots of its hash table (a power of two).
#[cfg(feature = "speed")]
const FEW_KEYS_SLOTS: usize = 2 * FEW_KEYS;
/// Longest probe it follows: keys that crowd one part of the table (made
/// to, say) send the sort to the radix sort, not into a long search.
#[cfg(feature = "speed")]
const FEW_KEYS_PROBES: usize = 128;

/// The home slot of `k` in `few_keys_order`'s table (multiplicative hash).
#[cfg(feature = "speed")]
fn few_keys_slot(k: u64) -> usize {
    (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - FEW_KEYS_SLOTS.trailing_zeros())) as usize
}

/// The same order as `radix_order` when the keys take at most FEW_KEYS
/// values (a catalogue of instance sizes, the DSLab mix's 12 requests): each
/// key's rank among the distinct values, then one counting pass in index
/// order, so equal keys keep their order. Reads the keys once, in order
/// (the radix sort: six passes); None as soon as a key past FEW_KEYS
/// distinct values, or a probe past FEW_KEYS_PROBES, turns up. Speed build
/// only: browsers' widgets sort hundreds of workloads, and the radix sort
/// alone is less code.
#[cfg(feature = "speed")]
fn few_keys_order(keys: &[u64]) -> Option<Vec<u32>> {
    const SLOTS: usize = FEW_KEYS_SLOTS;
    // Open addressing with linear probing; a slot is in use once it has a key.
    let mut slot_key = vec![0u64; SLOTS];
    let mut used = vec![false; SLOTS];
    let mut distinct: Vec<u64> = Vec::new();
    // The slot of each key, then (below) each slot's rank among the values.
    let mut slot = Vec::with_capacity(keys.len());
    let find = |slot_key: &[u64], used: &[bool], k: u64| {
        let mut s = few_keys_slot(k);
        for _ in 0..FEW_KEYS_PROBES {
            if !used[s] || slot_key[s] == k {
                return Some(s);
            }
            s = (s + 1) & (SLOTS - 1);
        }
        None
    };
    for &k in keys {
        let s = find(&slot_key, &used, k)?;
        if !used[s] {
            if distinct.len() == FEW_KEYS {
                return None;
            }
            distinct.push(k);
            slot_key[s] = k;
            used[s] = true;
        }
        slot.push(s as u32);
    }
    distinct.sort_unstable();
    let mut rank = vec![0u32; SLOTS];
    for (r, &k) in distinct.iter().enumerate() {
        rank[find(&slot_key, &used, k)?] = r as u32;
    }
    let mut start = vec![0usize; distinct.len() + 1];
    for &s in &slot {
        start[rank[s as usize] as usize + 1] += 1;
    }
    for r in 0..distinct.len() {
        start[r + 1] += start[r];
    }
    let mut order = vec![0u32; keys.len()];
    for (i, &s) in slot.iter().enumerate() {
        let r = rank[s as usize] as usize;
        order[start[r]] = i as u32;
        start[r] += 1;
    }
    Some(order)
}

/// Component-wise maximum and minimum of the hosts' usable capacities, and
/// a tree of them (built on first need) to ask whether any empty host fits.
struct EmptyHosts<'a> {
    usable: &'a [Vec3],
    largest: Vec3,
    smallest: Vec3,
    tree: Option<MaxTree>,
}

impl<'a> EmptyHosts<'a> {
    fn new(usable: &'a [Vec3]) -> EmptyHosts<'a> {
        let mut largest = [0u32; 3];
        let mut smallest = [u32::MAX; 3];
        for u in usable {
            for k in 0..3 {
                largest[k] = largest[k].max(u[k]);
                smallest[k] = smallest[k].min(u[k]);
            }
        }
        EmptyHosts {
            usable,
            largest,
            smallest,
            tree: None,
        }
    }

    /// Whether `d` fits no host even when every host is empty; then the mask (see [`Reason::TooLarge`]).
    fn too_large(&mut self, d: &Vec3) -> Option<u32> {
        let mask = |cap: &Vec3| {
            (0..3)
                .filter(|&k| d[k] > cap[k])
                .fold(0u32, |m, k| m | (1 << k))
        };
        let m = mask(&self.largest);
        if m != 0 {
            return Some(m);
        }
        let usable = self.usable;
        let t = self.tree.get_or_insert_with(|| MaxTree::new(usable));
        // Beyond no host's largest dimension but fitting no empty host: some
        // dimension exceeds some host, so the smallest capacities name them.
        t.first_fit(d).map_or(Some(mask(&self.smallest)), |_| None)
    }
}

fn unplaced_reason(
    kind: PolicyKind,
    d: &Vec3,
    empty: &mut EmptyHosts,
    tree: &MaxTree,
    root: &Vec3,
) -> (Reason, u32) {
    let mask = |cap: &Vec3| {
        (0..3)
            .filter(|&k| d[k] > cap[k])
            .fold(0u32, |m, k| m | (1 << k))
    };
    if let Some(m) = empty.too_large(d) {
        return (Reason::TooLarge, m);
    }
    if kind == PolicyKind::NextFit && tree.first_fit(d).is_some() {
        return (Reason::PassedByNextFit, 0);
    }
    let m = mask(root);
    if m != 0 {
        (Reason::NoRoom, m)
    } else {
        (Reason::Fragmented, 0)
    }
}

/// Places every workload with `cfg.policy`.
pub fn place(hosts: &[Host], w: &Workloads, cfg: &Config) -> Result<Outcome, Error> {
    if cfg.primary > 2 {
        return Err(Error::out_of_range("primary", cfg.primary as f64, 0.0, 2.0));
    }
    let usable = usable_capacity(hosts, &cfg.overcommit)?;
    let order = sorted_order(w, cfg, &usable);
    let p = cfg.primary;
    let (assignment, unplaced) = match cfg.policy {
        PolicyKind::FirstFit | PolicyKind::FirstFitDecreasing => {
            run(FirstFit::new(&usable), &usable, w, cfg, order)
        }
        PolicyKind::NextFit => run(NextFit::new(&usable), &usable, w, cfg, order),
        PolicyKind::FirstFitWrap => run(FirstFitWrap::new(&usable), &usable, w, cfg, order),
        PolicyKind::BestFit | PolicyKind::BestFitDecreasing => {
            run(BestFit::new(&usable, p), &usable, w, cfg, order)
        }
        PolicyKind::WorstFit => run(
            WorstFit::new(&usable, p, &worst_fit_thresholds(w, &cfg.footprint, p)),
            &usable,
            w,
            cfg,
            order,
        ),
    }?;
    summarize(hosts, usable, w, cfg, assignment, unplaced)
}

fn run<P: Policy>(
    mut policy: P,
    usable: &[Vec3],
    w: &Workloads,
    cfg: &Config,
    order: Option<Vec<u32>>,
) -> Result<(Vec<u32>, Vec<Unplaced>), Error> {
    let n = w.len();
    let mut assignment = Vec::new();
    assignment.try_reserve_exact(n).map_err(|_| {
        Error::new(
            ErrorCode::LimitExceeded,
            "workloads",
            "not enough memory for the assignment".to_string(),
        )
    })?;
    assignment.resize(n, UNPLACED);
    let mut unplaced = Vec::new();
    let mut empty = EmptyHosts::new(usable);
    let minima = suffix_minima(w, &cfg.footprint, order.as_deref());
    let mut next_min = 0usize; // index into `minima` for the current position
    let mut pos = 0usize;
    // Unplaced reasons need the hosts' current maxima; a separate tree keeps
    // them only when some workload fails (built lazily, then kept in sync).
    let mut shadow: Option<MaxTree> = None;
    let mut step = |i: usize, policy: &mut P, shadow: &mut Option<MaxTree>| {
        pos += 1;
        while next_min + 1 < minima.len() && minima[next_min + 1].0 <= pos {
            next_min += 1;
        }
        let d = cfg.footprint.apply(&w.get(i));
        // Once a shadow tree exists, it proves cheaply when nothing fits
        // (best-fit would otherwise scan every host with enough memory).
        let hopeless = shadow.as_ref().map_or(false, |t| !fits(&t.root(), &d));
        match if hopeless { None } else { policy.place(&d) } {
            Some(h) => {
                assignment[i] = h as u32;
                if let Some(t) = shadow.as_mut() {
                    t.take(h, &d);
                }
                // `minima[next_min]` covers positions ≥ pos (the rest of the run).
                if let Some(&(from, m)) = minima.get(next_min) {
                    if from <= pos && !fits(&policy.free(h), &m) {
                        policy.retire(h);
                    }
                }
            }
            None => {
                let t = shadow.get_or_insert_with(|| {
                    let free: Vec<Vec3> = (0..usable.len()).map(|h| policy.free(h)).collect();
                    MaxTree::new(&free)
                });
                let root = t.root();
                let (reason, dims_mask) = unplaced_reason(cfg.policy, &d, &mut empty, t, &root);
                unplaced.push(Unplaced {
                    workload: i as u32,
                    reason,
                    dims_mask,
                });
            }
        }
    };
    // The speed build runs one loop, so `step` has one call site and is
    // inlined (a call in wasm spills every live value: V8 keeps no
    // callee-saved registers); the size build keeps a loop per order, 100
    // bytes smaller.
    #[cfg(feature = "speed")]
    {
        let order = order.as_deref();
        for pos in 0..n {
            let i = order.map_or(pos, |o| o[pos] as usize);
            step(i, &mut policy, &mut shadow);
        }
    }
    #[cfg(not(feature = "speed"))]
    match &order {
        Some(o) => {
            for &i in o {
                step(i as usize, &mut policy, &mut shadow);
            }
        }
        None => {
            for i in 0..n {
                step(i, &mut policy, &mut shadow);
            }
        }
    }
    Ok((assignment, unplaced))
}

/// The footprint of every workload, in input order, 3 values each.
pub fn footprints(w: &Workloads, fp: &Footprint) -> Vec<u32> {
    let mut out = Vec::with_capacity(3 * w.len());
    for i in 0..w.len() {
        out.extend_from_slice(&fp.apply(&w.get(i)));
    }
    out
}

/// Workload indices in the order `place` takes them: sorted for the
/// decreasing policies, input order for the others.
pub fn placement_order(hosts: &[Host], w: &Workloads, cfg: &Config) -> Result<Vec<u32>, Error> {
    let usable = usable_capacity(hosts, &cfg.overcommit)?;
    Ok(sorted_order(w, cfg, &usable).unwrap_or_else(|| (0..w.len() as u32).collect()))
}

/// The decreasing policies' order (None: input order), for `place` and
/// `placement_order` alike.
fn sorted_order(w: &Workloads, cfg: &Config, usable: &[Vec3]) -> Option<Vec<u32>> {
    if cfg.policy.decreasing() {
        Some(decreasing_order(w, &cfg.footprint, usable))
    } else {
        None
    }
}

/// The outcome of an assignment made elsewhere (a Kubernetes scheduling
/// run), summed as `place` sums its own, so both kinds of scheduler are
/// compared on one definition. `cfg.policy` is not used. Unplaced
/// workloads count in the summary but get no reason (no policy to ask).
pub fn assess(
    hosts: &[Host],
    w: &Workloads,
    cfg: &Config,
    assignment: &[u32],
) -> Result<Outcome, Error> {
    let usable = usable_capacity(hosts, &cfg.overcommit)?;
    if assignment.len() != w.len() {
        return Err(Error::bad_buffer(
            "assignment",
            format!(
                "assignment must hold one host per workload ({}), got {}",
                w.len(),
                assignment.len()
            ),
        ));
    }
    summarize(hosts, usable, w, cfg, assignment.to_vec(), Vec::new())
}

/// `summarize`'s pass over the workloads (`app(i)`: workload i's request):
/// charges each placed footprint to its host, sums requests and overhead,
/// and returns the component-wise minimum footprint. An assignment that
/// names no host or overfills one is an error naming `assignment[i]`.
#[inline(always)]
fn tally(
    app: impl Fn(usize) -> Vec3,
    fp: &Footprint,
    assignment: &[u32],
    free: &mut [Vec3],
    touched: &mut [bool],
    s: &mut Summary,
) -> Result<Vec3, Error> {
    let mut min_d = [u32::MAX; 3];
    for (i, &a) in assignment.iter().enumerate() {
        let app = app(i);
        let d = fp.apply(&app);
        for k in 0..3 {
            min_d[k] = min_d[k].min(d[k]);
        }
        if a == UNPLACED {
            s.unplaced += 1;
            continue;
        }
        let h = a as usize;
        if h >= free.len() || !fits(&free[h], &d) {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                &format!("assignment[{}]", i),
                format!(
                    "assignment[{}] must be a host (0 to {}) with room left for workload {}, got {}",
                    i,
                    free.len() as i64 - 1,
                    i,
                    a
                ),
            ));
        }
        touched[h] = true;
        s.placed += 1;
        for k in 0..3 {
            free[h][k] -= d[k];
            s.app[k] += app[k] as u64;
            s.overhead[k] += (d[k] - app[k]) as u64;
        }
    }
    Ok(min_d)
}

/// Every figure of an outcome from its assignment: per-host use, sums of
/// requests and overhead, capacity sums, hosts used and stranded capacity.
/// The one definition for `place` and `assess`; an assignment that names no
/// host or overfills one is an error naming `assignment[i]`.
fn summarize(
    hosts: &[Host],
    usable: Vec<Vec3>,
    w: &Workloads,
    cfg: &Config,
    assignment: Vec<u32>,
    unplaced: Vec<Unplaced>,
) -> Result<Outcome, Error> {
    let mut free = usable.clone();
    let mut touched = vec![false; usable.len()];
    let mut s = Summary::default();
    let fp = cfg.footprint;
    let (a, f, t) = (&assignment[..], &mut free[..], &mut touched[..]);
    // The speed build reads each width in a loop of its own (no match on the
    // width per workload: this is the hottest loop after the policy's; in
    // wasm 9.5 against 11.2 ms for a million); the size build keeps one loop.
    #[cfg(feature = "speed")]
    let min_d = match w.dims {
        1 => tally(|i| [w.data[i], 0, 0], &fp, a, f, t, &mut s),
        2 => tally(
            |i| [w.data[2 * i], w.data[2 * i + 1], 0],
            &fp,
            a,
            f,
            t,
            &mut s,
        ),
        _ => tally(
            |i| [w.data[3 * i], w.data[3 * i + 1], w.data[3 * i + 2]],
            &fp,
            a,
            f,
            t,
            &mut s,
        ),
    }?;
    #[cfg(not(feature = "speed"))]
    let min_d = tally(|i| w.get(i), &fp, a, f, t, &mut s)?;
    let mut host_used = Vec::with_capacity(usable.len());
    for (h, u) in usable.iter().enumerate() {
        let f = free[h];
        host_used.push([u[0] - f[0], u[1] - f[1], u[2] - f[2]]);
        for (k, &uk) in u.iter().enumerate() {
            s.raw_capacity[k] += hosts[h].capacity[k] as u64;
            s.reserve[k] += hosts[h].reserve[k] as u64;
            s.usable[k] += uk as u64;
        }
        if touched[h] {
            s.hosts_used += 1;
            let stuck = !fits(&f, &min_d);
            for k in 0..3 {
                s.usable_on_used_hosts[k] += u[k] as u64;
                if stuck {
                    s.stranded[k] += f[k] as u64;
                }
            }
        }
    }
    Ok(Outcome {
        assignment,
        unplaced,
        host_usable: usable,
        host_used,
        summary: s,
    })
}

/// One placement step seen from every host, for widgets that explain a step.
#[derive(Clone, Debug, PartialEq)]
pub struct StepView {
    pub workload: usize,
    pub app: Vec3,
    pub footprint: Vec3,
    pub chosen: Option<usize>,
    /// Next-fit's current host before the step.
    pub cursor: usize,
    /// Each host's free amounts before the step.
    pub free: Vec<Vec3>,
}

pub const MAX_EXPLAIN_HOSTS: usize = 100_000;

/// The `step`-th placement (0-based, in placement order) of `place`: replays
/// the steps before it with the fast policy, then shows every host's free
/// vector and the choice the reference linear scan makes (equal to the fast
/// policy's, which tests check).
pub fn explain(
    hosts: &[Host],
    w: &Workloads,
    cfg: &Config,
    step: usize,
) -> Result<StepView, Error> {
    if hosts.len() > MAX_EXPLAIN_HOSTS {
        return Err(Error::new(
            ErrorCode::LimitExceeded,
            "hosts",
            format!(
                "explaining a step shows every host; at most {} hosts",
                MAX_EXPLAIN_HOSTS
            ),
        ));
    }
    if step >= w.len() {
        return Err(Error::out_of_range(
            "step",
            step as f64,
            0.0,
            w.len() as f64 - 1.0,
        ));
    }
    if cfg.primary > 2 {
        return Err(Error::out_of_range("primary", cfg.primary as f64, 0.0, 2.0));
    }
    let usable = usable_capacity(hosts, &cfg.overcommit)?;
    let order: Vec<u32> = if cfg.policy.decreasing() {
        decreasing_order(w, &cfg.footprint, &usable)
    } else {
        (0..w.len() as u32).collect()
    };
    let p = cfg.primary;
    match cfg.policy {
        PolicyKind::FirstFit | PolicyKind::FirstFitDecreasing => {
            explain_with(FirstFit::new(&usable), &usable, w, cfg, &order, step)
        }
        PolicyKind::NextFit => explain_with(NextFit::new(&usable), &usable, w, cfg, &order, step),
        PolicyKind::FirstFitWrap => {
            explain_with(FirstFitWrap::new(&usable), &usable, w, cfg, &order, step)
        }
        PolicyKind::BestFit | PolicyKind::BestFitDecreasing => {
            explain_with(BestFit::new(&usable, p), &usable, w, cfg, &order, step)
        }
        PolicyKind::WorstFit => explain_with(
            WorstFit::new(&usable, p, &worst_fit_thresholds(w, &cfg.footprint, p)),
            &usable,
            w,
            cfg,
            &order,
            step,
        ),
    }
}

fn explain_with<P: Policy>(
    mut policy: P,
    usable: &[Vec3],
    w: &Workloads,
    cfg: &Config,
    order: &[u32],
    step: usize,
) -> Result<StepView, Error> {
    for &i in &order[..step] {
        policy.place(&cfg.footprint.apply(&w.get(i as usize)));
    }
    let i = order[step] as usize;
    let app = w.get(i);
    let d = cfg.footprint.apply(&app);
    let free: Vec<Vec3> = (0..usable.len()).map(|h| policy.free(h)).collect();
    let cursor = policy.cursor();
    let chosen = brute::choose(cfg.policy, &free, cursor, cfg.primary, &d);
    Ok(StepView {
        workload: i,
        app,
        footprint: d,
        chosen,
        cursor,
        free,
    })
}

#[cfg(test)]
mod tests;

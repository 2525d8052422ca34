//! A scheduling queue: pods are filtered, scored (NodeResourcesFit +
//! BalancedAllocation, weighted) and bound to their best node one by one,
//! each binding adding the pod's requests to its node.
//!
//! Every node is scored by the plain scan (`scan`, the reference) unless
//! the cluster has only cpu and memory and every node is scored: then a
//! request seen again gets a cache of every node's total (`ScoreTree`) and a
//! new one a two-level branch and bound over blocks of nodes (`bounds.rs`).
//! Tests check that both pick what the scan picks.

use super::balanced::best_effort;
use super::bounds::{nonzero2, real2, BlockBounds, Fast, Node2, Pod2};
use super::config::SchedConfig;
use super::filter::fits;
use super::inputs::plugin_score;
use super::resources::{check_kinds, Kind, Node, Pod, MAX_NODES};
use super::score_tree::ScoreTree;
use super::strategies::scaled_shape;
use crate::error::{Error, ErrorCode};
use std::collections::BinaryHeap;

pub const NOT_SCHEDULED: u32 = u32::MAX;

/// Nodes per block for the branch and bound.
const BLOCK: usize = 16;

/// Whether this build has the fast path (feature `kube-fast`: native builds
/// and the Node wasm). It only makes large runs faster, never changes a
/// choice, so the browsers' size-tuned wasm leaves it out (about 3 KB
/// gzipped) and scans: the widgets schedule hundreds of pods, not thousands.
const FAST: bool = cfg!(feature = "kube-fast");

/// kube-scheduler's numFeasibleNodesToFind (pkg/scheduler/schedule_one.go,
/// the same at v1.35.4 and v1.37.2): all nodes below 100; else percentage
/// (adaptive 50 − nodes/125, at least 5) of the nodes, at least 100.
pub fn num_feasible_nodes_to_find(percentage: i64, num_all_nodes: i64) -> i64 {
    const MIN_NODES: i64 = 100;
    const MIN_PERCENT: i64 = 5;
    if num_all_nodes < MIN_NODES || percentage >= 100 {
        return num_all_nodes;
    }
    let mut pct = percentage;
    if pct <= 0 {
        pct = (50 - num_all_nodes / 125).max(MIN_PERCENT);
    }
    let n = num_all_nodes * pct / 100;
    n.max(MIN_NODES)
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeView {
    pub feasible: bool,
    /// Whether the node was among the nodes scored (sampling may stop early).
    pub scored: bool,
    pub fit_score: i64,
    pub balanced_score: i64,
    pub total: i64,
}

/// State of the cpu-and-memory fast path.
struct FastState {
    fast: Fast,
    nodes: Vec<Node2>,
    /// Per distinct pod request: every node's total score, kept current.
    cache: Vec<ScoreTree>,
    cache_limit: usize,
    /// Requests seen recently: a request gets a score cache when it comes
    /// again within CACHE_IDLE pods, and loses it after CACHE_IDLE pods
    /// without a hit (every cache costs a rescore at each binding; one that
    /// is seldom hit costs more than the branch and bound it saves).
    seen: Seen,
    /// Pods scheduled on this path so far: the clock of `seen` and `used`.
    clock: u64,
    /// Per cache, the clock of its last hit.
    used: Vec<u64>,
    /// Scratch space of `best_by_blocks`.
    heap: BinaryHeap<u64>,
    /// Bounds per node, per block of BLOCK consecutive nodes and per group
    /// of BLOCK blocks: a two-level branch and bound (`best_by_blocks`).
    node_bounds: Vec<BlockBounds>,
    blocks: Vec<BlockBounds>,
    groups: Vec<BlockBounds>,
}

/// Pods a cache may go without a hit (and the longest gap between two
/// occurrences of a request that earns it one).
const CACHE_IDLE: u64 = 128;

/// A direct-mapped table of requests seen and when (4096 slots; a collision
/// forgets the older request, which only delays its cache). It decides only
/// whether to cache, never a score, so no exact set is needed.
struct Seen {
    slots: Vec<Option<(Pod2, u64)>>,
}

impl Seen {
    const SLOTS: usize = 4096;

    fn new() -> Seen {
        Seen {
            slots: vec![None; Seen::SLOTS],
        }
    }

    /// Whether `pod` was seen at most CACHE_IDLE pods ago (then true);
    /// records it at `now` either way.
    fn check_and_insert(&mut self, pod: &Pod2, now: u64) -> bool {
        let key = |v: Option<i64>| v.map_or(u64::MAX, |x| x as u64);
        let h = (key(pod[0]).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ key(pod[1]))
            .wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let slot = &mut self.slots[(h >> 52) as usize];
        let seen = matches!(*slot, Some((p, t)) if p == *pod && now - t <= CACHE_IDLE);
        *slot = Some((*pod, now));
        seen
    }
}

pub struct Scheduler {
    cfg: SchedConfig,
    shape: Vec<(i64, i64)>,
    kinds: Vec<Kind>,
    pub nodes: Vec<Node>,
    next_start: usize,
    fast: Option<FastState>,
    /// The total of the node the last scheduled pod went to.
    pub last_total: i64,
}

impl Scheduler {
    pub fn new(cfg: SchedConfig, kinds: Vec<Kind>, nodes: Vec<Node>) -> Result<Scheduler, Error> {
        cfg.validate()?;
        check_kinds(&kinds)?;
        if nodes.len() > MAX_NODES {
            return Err(Error::new(
                ErrorCode::LimitExceeded,
                "nodes",
                format!(
                    "nodes has {} entries; the limit is {}",
                    nodes.len(),
                    MAX_NODES
                ),
            ));
        }
        let k = kinds.len();
        if nodes.iter().any(|n| {
            n.allocatable.len() != k || n.requested.len() != k || n.nonzero_requested.len() != k
        }) {
            return Err(Error::new(
                ErrorCode::BadBuffer,
                "nodes",
                "every node needs one value per resource".to_string(),
            ));
        }
        let shape = scaled_shape(&cfg.fit.shape);
        let fast = if FAST && k == 2 {
            let fast = Fast::new(&cfg);
            let n2: Vec<Node2> = nodes.iter().map(Node2::of).collect();
            // Keep the caches within about 64 MiB in all.
            let per = nodes.len().max(1).next_power_of_two() * 16;
            let cache_limit = ((64usize << 20) / per).min(64);
            let node_bounds: Vec<BlockBounds> =
                n2.iter().map(|n| BlockBounds::of_node(&fast, n)).collect();
            let blocks: Vec<BlockBounds> =
                node_bounds.chunks(BLOCK).map(BlockBounds::of_all).collect();
            let groups = blocks.chunks(BLOCK).map(BlockBounds::of_all).collect();
            Some(FastState {
                fast,
                nodes: n2,
                cache: Vec::new(),
                cache_limit,
                seen: Seen::new(),
                clock: 0,
                used: Vec::new(),
                heap: BinaryHeap::new(),
                node_bounds,
                blocks,
                groups,
            })
        } else {
            None
        };
        Ok(Scheduler {
            cfg,
            shape,
            kinds,
            nodes,
            next_start: 0,
            fast,
            last_total: -1,
        })
    }

    /// The Kubernetes minor version modelled (e.g. 37 for v1.37).
    pub fn version_minor(&self) -> u32 {
        self.cfg.fit.version.minor
    }

    pub fn kinds(&self) -> &[Kind] {
        &self.kinds
    }

    fn check_pod(&self, pod: &Pod) -> bool {
        pod.request.len() == self.kinds.len()
    }

    /// A node's per-plugin scores for a pod (the reference arithmetic).
    fn view(&self, i: usize, pod: &Pod, balanced_skip: bool) -> NodeView {
        let n = &self.nodes[i];
        let fit_score = if self.cfg.fit_weight == 0 {
            0
        } else {
            plugin_score(&self.cfg.fit, &self.shape, &self.kinds, n, pod)
        };
        let balanced_score = if self.cfg.balanced_weight == 0 || balanced_skip {
            0
        } else {
            plugin_score(&self.cfg.balanced, &[], &self.kinds, n, pod)
        };
        NodeView {
            feasible: true,
            scored: true,
            fit_score,
            balanced_score,
            total: fit_score * self.cfg.fit_weight + balanced_score * self.cfg.balanced_weight,
        }
    }

    /// Schedules one pod; with `views`, fills one entry per node. A pod
    /// with the wrong number of requests is not scheduled.
    pub fn schedule(&mut self, pod: &Pod, mut views: Option<&mut Vec<NodeView>>) -> Option<usize> {
        let n = self.nodes.len();
        if let Some(v) = views.as_mut() {
            v.clear();
            v.resize(n, NodeView::default());
        }
        self.last_total = -1;
        if n == 0 || !self.check_pod(pod) {
            return None;
        }
        let want =
            num_feasible_nodes_to_find(self.cfg.percentage_of_nodes_to_score, n as i64) as usize;
        if FAST && views.is_none() && want >= n && self.fast.is_some() {
            let key = [pod.request[0], pod.request[1]];
            let chosen = self.schedule_fast(&key)?;
            self.bind(chosen, pod);
            return Some(chosen);
        }
        let balanced_skip = best_effort(&self.cfg.balanced.resources, &self.kinds, pod);
        let mut best: Option<(i64, usize)> = None;
        let (mut found, mut processed) = (0usize, 0usize);
        let start = self.next_start;
        while processed < n && found < want {
            let i = if start + processed < n {
                start + processed
            } else {
                start + processed - n
            };
            processed += 1;
            if !fits(&self.nodes[i], pod) {
                continue;
            }
            found += 1;
            let v = self.view(i, pod, balanced_skip);
            if best.map_or(true, |(t, _)| v.total > t) {
                best = Some((v.total, i));
            }
            if let Some(vs) = views.as_mut() {
                vs[i] = v;
            }
        }
        if let Some(vs) = views.as_mut() {
            for (i, node) in self.nodes.iter().enumerate() {
                if !vs[i].scored {
                    vs[i].feasible = fits(node, pod);
                }
            }
        }
        self.next_start = (start + processed) % n;
        let (t, i) = best?;
        self.last_total = t;
        self.bind(i, pod);
        Some(i)
    }

    /// Every node scored, cpu and memory only: scan order 0..n, the first
    /// best total wins. Returns the node (not yet bound).
    fn schedule_fast(&mut self, pod: &Pod2) -> Option<usize> {
        let cfg = &self.cfg;
        let shape = &self.shape;
        let f = self.fast.as_mut()?;
        let real = real2(pod);
        let nz = nonzero2(pod);
        let skip = f.fast.balanced_skip(&real);
        f.clock += 1;
        let now = f.clock;
        let mut k = 0;
        while k < f.cache.len() {
            if now - f.used[k] > CACHE_IDLE {
                f.cache.swap_remove(k);
                f.used.swap_remove(k);
            } else {
                k += 1;
            }
        }
        let k = match f.cache.iter().position(|t| t.pod == *pod) {
            Some(k) => k,
            None => {
                // A request repeated soon gets a cache (while there is
                // room); others are answered by the block branch and bound.
                if f.cache.len() >= f.cache_limit || !f.seen.check_and_insert(pod, now) {
                    let mut heap = std::mem::take(&mut f.heap);
                    let found = best_by_blocks(cfg, shape, f, &mut heap, &real, &nz, skip);
                    f.heap = heap;
                    let (t, i) = found?;
                    self.last_total = t;
                    return Some(i);
                }
                let totals: Vec<i64> = f
                    .nodes
                    .iter()
                    .map(|n| f.fast.total(cfg, shape, n, &real, &nz, skip))
                    .collect();
                f.cache.push(ScoreTree::build(*pod, totals));
                f.used.push(now);
                f.cache.len() - 1
            }
        };
        f.used[k] = now;
        let (i, t) = f.cache[k].winner()?;
        self.last_total = t;
        Some(i)
    }

    /// Charges the pod to node `i` and rescores that node in every cache.
    fn bind(&mut self, i: usize, pod: &Pod) {
        self.nodes[i].add(&self.kinds, pod);
        let cfg = &self.cfg;
        let shape = &self.shape;
        let node = &self.nodes[i];
        if !FAST {
            return;
        }
        if let Some(f) = self.fast.as_mut() {
            let n2 = Node2::of(node);
            f.nodes[i] = n2;
            f.node_bounds[i] = BlockBounds::of_node(&f.fast, &n2);
            let b = i / BLOCK;
            f.blocks[b] = BlockBounds::of_all(
                &f.node_bounds[b * BLOCK..((b + 1) * BLOCK).min(f.nodes.len())],
            );
            let g = b / BLOCK;
            f.groups[g] =
                BlockBounds::of_all(&f.blocks[g * BLOCK..((g + 1) * BLOCK).min(f.blocks.len())]);
            for t in 0..f.cache.len() {
                let p = f.cache[t].pod;
                let real = real2(&p);
                let v = f.fast.total(
                    cfg,
                    shape,
                    &n2,
                    &real,
                    &nonzero2(&p),
                    f.fast.balanced_skip(&real),
                );
                f.cache[t].set(i, v);
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn fast_total(&self, i: usize, pod: &Pod) -> Option<i64> {
        let f = self.fast.as_ref()?;
        let p = [pod.request[0], pod.request[1]];
        let real = real2(&p);
        Some(f.fast.total(
            &self.cfg,
            &self.shape,
            &f.nodes[i],
            &real,
            &nonzero2(&p),
            f.fast.balanced_skip(&real),
        ))
    }

    #[cfg(test)]
    pub(crate) fn fast_bounds(&self) -> Option<(BlockBounds, &Fast)> {
        let f = self.fast.as_ref()?;
        Some((BlockBounds::of_all(&f.node_bounds), &f.fast))
    }

    #[cfg(test)]
    pub(crate) fn config(&self) -> &SchedConfig {
        &self.cfg
    }

    /// The total the reference arithmetic gives node `i` (−1: filtered out).
    #[cfg(test)]
    pub(crate) fn reference_total(&self, i: usize, pod: &Pod) -> i64 {
        if !fits(&self.nodes[i], pod) {
            return -1;
        }
        let skip = best_effort(&self.cfg.balanced.resources, &self.kinds, pod);
        self.view(i, pod, skip).total
    }
}

/// The node a full scan in index order picks (highest total, first index
/// among equals) and its total, scoring exactly only the blocks whose upper
/// bound could still beat or tie the best found so far. Groups and blocks
/// are taken best first: highest bound, then lowest index (a group is
/// opened into its blocks, a block is scored), so the search stops at the
/// first item whose bound is below the best, or equal to it from a higher
/// index: nothing after it could win.
fn best_by_blocks(
    cfg: &SchedConfig,
    shape: &[(i64, i64)],
    f: &FastState,
    heap: &mut BinaryHeap<u64>,
    real: &[i64; 2],
    nz: &[i64; 2],
    skip: bool,
) -> Option<(i64, usize)> {
    let nzf = [nz[0] as f64, nz[1] as f64];
    let upper = |b: &BlockBounds| b.upper(cfg, &f.fast, real, &nzf, skip);
    // A key orders by bound, then by lower first node; the last bit marks a
    // group. Bounds are at most 2·100·100 and indexes below 2^31.
    let key = |u: i64, lo: usize, group: bool| {
        ((u as u64) << 33) | (((u32::MAX as usize - lo) as u64) << 1) | group as u64
    };
    heap.clear();
    for (g, gb) in f.groups.iter().enumerate() {
        let u = upper(gb);
        if u >= 0 {
            heap.push(key(u, g * BLOCK * BLOCK, true));
        }
    }
    let mut best: Option<(i64, usize)> = None;
    while let Some(k) = heap.pop() {
        let u = (k >> 33) as i64;
        let lo = u32::MAX as usize - ((k >> 1) & 0xFFFF_FFFF) as usize;
        if best.map_or(false, |(bt, bi)| u < bt || (u == bt && lo > bi)) {
            break;
        }
        if k & 1 == 1 {
            let g = lo / (BLOCK * BLOCK);
            for b in g * BLOCK..((g + 1) * BLOCK).min(f.blocks.len()) {
                let u = upper(&f.blocks[b]);
                if u >= 0 {
                    heap.push(key(u, b * BLOCK, false));
                }
            }
        } else {
            let hi = (lo + BLOCK).min(f.nodes.len());
            for i in lo..hi {
                let t = f.fast.total(cfg, shape, &f.nodes[i], real, nz, skip);
                if t >= 0 && best.map_or(true, |(bt, bi)| t > bt || (t == bt && i < bi)) {
                    best = Some((t, i));
                }
            }
        }
    }
    best
}

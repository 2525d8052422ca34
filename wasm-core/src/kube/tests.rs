//! Tests of the Kubernetes scoring: cases transcribed from kube-scheduler's
//! own table tests (noderesources/*_test.go at v1.35.4 and v1.37.2), the
//! examples of issue 17, and checks that the scheduler's fast path picks
//! what the reference scan picks.

use super::bounds::Node2;
use super::strategies::{
    broken_linear, div, least_requested, rtcr_resource, scaled_shape, trunc_i64, trunc_i64_bits,
};
use super::*;

const MB: i64 = 1024 * 1024;
const GIB: i64 = 1024 * MB;
const K2: [Kind; 2] = [Kind::Cpu, Kind::Memory];
const GPU: [Kind; 3] = [Kind::Cpu, Kind::Memory, Kind::Scalar];

fn node(ac: i64, am: i64, rc: i64, rm: i64) -> Node {
    Node::new(vec![ac, am], vec![rc, rm])
}

fn pod(c: Option<i64>, m: Option<i64>) -> Pod {
    Pod {
        request: vec![c, m],
    }
}

fn v(minor: u32) -> KubeVersion {
    KubeVersion { minor }
}

fn cfg(strategy: Strategy, weights: &[(usize, i64)], minor: u32) -> ScoreConfig {
    let mut c = ScoreConfig::with_weights(strategy, weights);
    c.version = v(minor);
    c
}

fn scores(c: &ScoreConfig, kinds: &[Kind], nodes: &[Node], p: &Pod) -> Vec<i64> {
    score_nodes(c, kinds, nodes, p).unwrap()
}

fn sched(strategy: Strategy, minor: u32) -> SchedConfig {
    let mut c = SchedConfig::new(strategy);
    c.fit.version = v(minor);
    c.balanced.version = v(minor);
    c
}

// ---- issue 17's five examples ----

#[test]
fn issue_allocatable_zero_is_left_out() {
    // Node cpu 0, memory 1000; pod cpu 0, memory 0 explicit: kube 100.
    let n = [node(0, 1000, 0, 0)];
    let p = pod(Some(0), Some(0));
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::LeastAllocated), &K2, &n, &p),
        vec![100]
    );
    // MostAllocated: memory 0 / 1000 = 0, cpu left out: 0 (not 0 of 2 weights).
    let n = [node(0, 1000, 0, 500)];
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::MostAllocated), &K2, &n, &p),
        vec![50]
    );
}

#[test]
fn issue_balanced_best_effort_checks_configured_resources() {
    // resources [cpu], pod {cpu 0, memory 1 GiB}: skipped, every node 0.
    let n = [node(4000, 8 * GIB, 0, 0), node(2000, GIB, 1000, 0)];
    let p = pod(Some(0), Some(GIB));
    for minor in [35, 37] {
        let c = cfg(Strategy::BalancedAllocation, &[(CPU, 1)], minor);
        assert_eq!(scores(&c, &K2, &n, &p), vec![0, 0]);
    }
}

#[test]
fn issue_balanced_formula_changed_in_1_36() {
    let n = [node(4000, 8000, 1000, 6000), node(4000, 8000, 4000, 100)];
    let p = pod(Some(1000), Some(1000));
    let c37 = cfg(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 1)], 37);
    assert_eq!(scores(&c37, &K2, &n, &p), vec![78, 78]);
    let c36 = cfg(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 1)], 36);
    assert_eq!(scores(&c36, &K2, &n, &p), vec![78, 78]);
    let c35 = cfg(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 1)], 35);
    assert_eq!(scores(&c35, &K2, &n, &p), vec![81, 56]);
}

#[test]
fn issue_duplicate_entries_count_each_time() {
    let c = cfg(
        Strategy::LeastAllocated,
        &[(CPU, 1), (MEM, 1), (CPU, 3)],
        37,
    );
    let n = [
        node(4000, 8 * GIB, 1000, 6 * GIB),
        node(4000, 8 * GIB, 3000, GIB),
    ];
    let p = pod(Some(500), Some(GIB));
    assert_eq!(scores(&c, &K2, &n, &p), vec![52, 24]);
}

#[test]
fn issue_filter_checks_only_requested_resources() {
    // Memory over-committed; the pod requests no memory: it fits.
    let n = node(4000, 4 * GIB, 1000, 5 * GIB);
    assert!(fits(&n, &pod(Some(500), Some(0))));
    assert!(fits(&n, &pod(Some(500), None)));
    assert!(!fits(&n, &pod(Some(500), Some(1))));
    assert!(!fits(&n, &pod(Some(3001), Some(0))));
    assert!(fits(&n, &pod(Some(3000), Some(0))));
}

// ---- kube-scheduler v1.37.2 least_allocated_test.go (same at v1.35.4) ----

#[test]
fn kube_least_allocated_table() {
    let c = ScoreConfig::new(Strategy::LeastAllocated);
    let p = pod(Some(3000), Some(5000));
    // "nothing scheduled, resources requested, differently sized nodes"
    assert_eq!(
        scores(
            &c,
            &K2,
            &[node(4000, 10000, 0, 0), node(6000, 10000, 0, 0)],
            &p
        ),
        vec![37, 50]
    );
    // "no resources requested, pods scheduled with resources" (a pod with no
    // containers requests 0, not the defaults)
    let none = pod(Some(0), Some(0));
    let n = [node(10000, 20000, 6000, 0), node(10000, 20000, 6000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &none), vec![70, 57]);
    // "resources requested, pods scheduled with resources"
    let n = [node(10000, 20000, 3000, 0), node(10000, 20000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![57, 45]);
    // "... differently sized nodes"
    let n = [node(10000, 20000, 3000, 0), node(10000, 50000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![57, 60]);
    // "requested resources exceed node capacity"
    let n = [node(4000, 10000, 3000, 0), node(4000, 10000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &pod(Some(3000), Some(0))), vec![50, 25]);
    // "zero node resources, pods scheduled with resources"
    let n = [node(0, 0, 3000, 0), node(0, 0, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &none), vec![0, 0]);
    // "nothing scheduled, ... different weight on CPU and memory"
    let w = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(MEM, 2), (CPU, 1)]);
    assert_eq!(
        scores(
            &w,
            &K2,
            &[node(4000, 10000, 0, 0), node(6000, 10000, 0, 0)],
            &p
        ),
        vec![41, 50]
    );
    // "resource weight larger than MaxNodeScore" is rejected.
    let big = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(MEM, 1), (CPU, 101)]);
    assert_eq!(big.validate().unwrap_err().field, "resources[1].weight");
    // Extended resources (cpu, memory, extended weight 1 each).
    let ext = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(CPU, 1), (MEM, 1), (2, 1)]);
    let n = [
        Node::new(vec![6000, 10000, 0], vec![0, 0, 0]),
        Node::new(vec![6000, 10000, 4], vec![0, 0, 0]),
    ];
    // "bypass extended resource if the pod does not request"
    assert_eq!(
        scores(
            &ext,
            &GPU,
            &n,
            &Pod {
                request: vec![Some(3000), Some(5000), None]
            }
        ),
        vec![50, 50]
    );
    // "honor extended resource if the pod requests"
    let n2 = [
        Node::new(vec![6000, 10000, 4], vec![0, 0, 0]),
        Node::new(vec![6000, 10000, 10], vec![0, 0, 0]),
    ];
    let p2 = Pod {
        request: vec![Some(3000), Some(5000), Some(2)],
    };
    assert_eq!(scores(&ext, &GPU, &n2, &p2), vec![50, 60]);
    // "if the node doesn't have a resource" (extended weight 2, not requested)
    let ext2 = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(2, 2), (CPU, 1), (MEM, 1)]);
    assert_eq!(
        scores(
            &ext2,
            &GPU,
            &n,
            &Pod {
                request: vec![Some(3000), Some(4000), None]
            }
        ),
        vec![55, 55]
    );
}

// ---- balanced_allocation_test.go: v1.37.2 (balance change) ----

#[test]
fn kube_balanced_allocation_table_1_37() {
    let c = cfg(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 1)], 37);
    // "nothing scheduled, nothing requested, skip in PreScore"
    assert_eq!(
        scores(&c, &K2, &[node(4000, 10000, 0, 0)], &pod(Some(0), Some(0))),
        vec![0]
    );
    let p = pod(Some(3000), Some(5000));
    // "nothing scheduled, resources requested, differently sized nodes"
    assert_eq!(
        scores(
            &c,
            &K2,
            &[node(4000, 10000, 0, 0), node(6000, 10000, 0, 0)],
            &p
        ),
        vec![68, 75]
    );
    // "resources requested, pods scheduled with resources"
    let n = [node(10000, 20000, 3000, 0), node(10000, 20000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![73, 74]);
    // "..., differently sized nodes"
    let n = [node(10000, 20000, 3000, 0), node(10000, 50000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![73, 70]);
    // "nodes to reach min/max score" (pod requests memory only)
    let n = [node(3000, 5000, 3000, 0), node(3000, 5000, 0, 0)];
    assert_eq!(scores(&c, &K2, &n, &pod(None, Some(5000))), vec![100, 50]);
    // "requested resources at node capacity"
    let n = [node(6000, 10000, 3000, 0), node(6000, 10000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &pod(Some(3000), None)), vec![62, 62]);
    // Scalar resource requested: cpu, memory, nvidia.com/gpu.
    let g = cfg(
        Strategy::BalancedAllocation,
        &[(CPU, 1), (MEM, 1), (2, 1)],
        37,
    );
    let n = [
        Node::new(vec![3500, 40000, 8], vec![3000, 5000, 3]),
        Node::new(vec![3500, 40000, 8], vec![3000, 5000, 0]),
    ];
    let pg = Pod {
        request: vec![Some(0), Some(0), Some(1)],
    };
    assert_eq!(scores(&g, &GPU, &n, &pg), vec![75, 76]);
    // Scalar resource not requested: left out.
    let n = [
        Node::new(vec![3500, 40000, 8], vec![0, 0, 0]),
        Node::new(vec![3500, 40000, 0], vec![0, 0, 0]),
    ];
    let pc = Pod {
        request: vec![Some(3000), Some(5000), None],
    };
    assert_eq!(scores(&g, &GPU, &n, &pc), vec![56, 56]);
}

// ---- balanced_allocation_test.go: v1.35.4 (balance with the pod) ----

#[test]
fn kube_balanced_allocation_table_1_35() {
    let c = cfg(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 1)], 35);
    let p = pod(Some(3000), Some(5000));
    assert_eq!(
        scores(
            &c,
            &K2,
            &[node(4000, 10000, 0, 0), node(6000, 10000, 0, 0)],
            &p
        ),
        vec![87, 100]
    );
    let n = [node(10000, 20000, 3000, 0), node(10000, 20000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![82, 95]);
    let n = [node(10000, 20000, 3000, 0), node(10000, 50000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &p), vec![82, 80]);
    // "requested resources at node capacity": pod cpu 3000, memory 0.
    let n = [node(6000, 10000, 3000, 0), node(6000, 10000, 3000, 5000)];
    assert_eq!(scores(&c, &K2, &n, &pod(Some(3000), Some(0))), vec![50, 75]);
    // "include scalar resource on a node": three fractions, population std.
    let g = cfg(
        Strategy::BalancedAllocation,
        &[(CPU, 1), (MEM, 1), (2, 1)],
        35,
    );
    let n = [
        Node::new(vec![3500, 40000, 8], vec![3000, 5000, 3]),
        Node::new(vec![3500, 40000, 8], vec![3000, 5000, 0]),
    ];
    let pg = Pod {
        request: vec![None, Some(0), Some(1)],
    };
    assert_eq!(scores(&g, &GPU, &n, &pg), vec![70, 65]);
}

// ---- the rest of the arithmetic ----

/// kubernetes/website resource-bin-packing.md, "Node scoring for capacity
/// allocation": requests intel.com/foo 2, memory 256MB, cpu 2; weights foo
/// 5, memory 1, cpu 3; shape (0,0),(100,10). The doc works on the 0–10
/// scale (shape unscaled) and gets node 1 = 5, node 2 = 7; on kube's 0–100
/// scale (shape ×10) the same nodes score 60 and 69.
#[test]
fn resource_bin_packing_doc_example() {
    let kinds = [Kind::Cpu, Kind::Memory, Kind::Scalar];
    let n1 = Node::new(vec![8, 1024 * MB, 4], vec![1, 256 * MB, 1]);
    let n2 = Node::new(vec![8, 1024 * MB, 8], vec![6, 512 * MB, 2]);
    let p = Pod {
        request: vec![Some(2), Some(256 * MB), Some(2)],
    };
    let c = ScoreConfig::with_weights(
        Strategy::RequestedToCapacityRatio,
        &[(2, 5), (MEM, 1), (CPU, 3)],
    );
    let doc_shape = [(0, 0), (100, 10)];
    assert_eq!(fit_score(&c, &doc_shape, &kinds, &n1, &p), 5);
    assert_eq!(fit_score(&c, &doc_shape, &kinds, &n2, &p), 7);
    assert_eq!(scores(&c, &kinds, &[n1, n2], &p), vec![60, 69]);
}

#[test]
fn least_and_most_allocated_integer_arithmetic() {
    // cpu: (4000 − 3000)·100/4000 = 25; memory: (10000 − 5000)·100/10000 = 50; mean 37.
    let n = [node(4000, 10000, 2900, 4000)];
    let p = pod(Some(100), Some(1000));
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::LeastAllocated), &K2, &n, &p),
        vec![37]
    );
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::MostAllocated), &K2, &n, &p),
        vec![62]
    );
    // Over-requested: least gives 0, most clamps to 100.
    let over = [node(1000, 1000, 1000, 1000)];
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::LeastAllocated), &K2, &over, &p),
        vec![0]
    );
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::MostAllocated), &K2, &over, &p),
        vec![100]
    );
    assert_eq!(least_requested(1, 3), 66);
    let w = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(CPU, 3), (MEM, 1)]);
    assert_eq!(scores(&w, &K2, &n, &p), vec![31]);
}

#[test]
fn unset_requests_count_as_defaults_for_fit_scores_only() {
    let p = pod(None, None);
    assert_eq!([p.nonzero(&K2, 0), p.nonzero(&K2, 1)], [100, 200 * MB]);
    let n = [node(1000, 1000 * MB, 0, 0)];
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::LeastAllocated), &K2, &n, &p),
        vec![85]
    );
    assert!(fits(&node(1000, 1000, 1000, 1000), &p));
    assert_eq!(
        scores(&ScoreConfig::new(Strategy::BalancedAllocation), &K2, &n, &p),
        vec![0]
    );
    // Other resources have no default.
    let kinds = [Kind::Cpu, Kind::Memory, Kind::EphemeralStorage];
    let q = Pod {
        request: vec![None, None, None],
    };
    assert_eq!(q.nonzero(&kinds, 2), 0);
}

#[test]
fn ephemeral_storage_uses_real_requests() {
    // Pods' unset cpu counts in the fit score's cpu, not in ephemeral storage.
    let kinds = [Kind::Cpu, Kind::Memory, Kind::EphemeralStorage];
    let mut n = Node::new(vec![1000, 1000, 1000], vec![0, 0, 0]);
    n.add(
        &kinds,
        &Pod {
            request: vec![None, None, Some(250)],
        },
    );
    assert_eq!(n.nonzero_requested, vec![100, 200 * MB, 250]);
    let c = ScoreConfig::with_weights(Strategy::MostAllocated, &[(2, 1)]);
    assert_eq!(
        scores(
            &c,
            &kinds,
            &[n.clone()],
            &Pod {
                request: vec![None, None, Some(250)]
            }
        ),
        vec![50]
    );
    // Requested but not allocatable: the filter rejects, the score leaves it out.
    let m = Node::new(vec![1000, 1000, 0], vec![0, 0, 0]);
    assert!(!fits(
        &m,
        &Pod {
            request: vec![None, None, Some(1)]
        }
    ));
}

#[test]
fn broken_linear_matches_helper_semantics() {
    let s = vec![(10, 0), (50, 80), (100, 100)];
    assert_eq!(broken_linear(&s, 0), 0);
    assert_eq!(broken_linear(&s, 30), 40);
    assert_eq!(broken_linear(&s, 49), 78);
    assert_eq!(broken_linear(&s, 75), 90);
    assert_eq!(broken_linear(&s, 100), 100);
    let least = scaled_shape(&[(0, 10), (100, 0)]);
    assert_eq!(rtcr_resource(&least, 25, 100), 75);
    assert_eq!(rtcr_resource(&least, 0, 0), 0);
    assert_eq!(rtcr_resource(&least, 200, 100), 0);
}

#[test]
fn feasible_node_count_follows_schedule_one() {
    assert_eq!(num_feasible_nodes_to_find(0, 50), 50);
    assert_eq!(num_feasible_nodes_to_find(0, 100), 100);
    assert_eq!(num_feasible_nodes_to_find(0, 1000), 420);
    assert_eq!(num_feasible_nodes_to_find(0, 5000), 500);
    assert_eq!(num_feasible_nodes_to_find(0, 10000), 500);
    assert_eq!(num_feasible_nodes_to_find(100, 5000), 5000);
    assert_eq!(num_feasible_nodes_to_find(1, 5000), 100);
}

#[test]
fn scheduler_picks_highest_total_and_respects_fit() {
    let nodes = vec![
        node(4000, 8 * GIB, 0, 0),
        node(4000, 8 * GIB, 2000, 4096 * MB),
        node(1000, GIB, 900, 0),
    ];
    let mut s = Scheduler::new(sched(Strategy::MostAllocated, 37), K2.to_vec(), nodes).unwrap();
    let p = pod(Some(500), Some(512 * MB));
    let mut views = Vec::new();
    assert_eq!(s.schedule(&p, Some(&mut views)), Some(1));
    assert!(!views[2].feasible);
    assert_eq!(views[1].total, views[1].fit_score + views[1].balanced_score);
    assert_eq!(s.last_total, views[1].total);
    assert_eq!(s.schedule(&pod(Some(5000), None), None), None);
    assert!(Scheduler::new(sched(Strategy::BalancedAllocation, 37), K2.to_vec(), vec![]).is_err());
}

#[test]
fn scheduler_with_extended_resources_scans() {
    let nodes = vec![
        Node::new(vec![4000, 8 * GIB, 0], vec![0, 0, 0]),
        Node::new(vec![4000, 8 * GIB, 2], vec![0, 0, 0]),
    ];
    let mut c = sched(Strategy::LeastAllocated, 37);
    c.fit.resources.push(Entry {
        resource: 2,
        weight: 5,
    });
    let mut s = Scheduler::new(c, GPU.to_vec(), nodes).unwrap();
    let gpu = Pod {
        request: vec![Some(100), Some(MB), Some(1)],
    };
    assert_eq!(s.schedule(&gpu, None), Some(1));
    assert_eq!(s.schedule(&gpu, None), Some(1));
    assert_eq!(s.schedule(&gpu, None), None); // the GPUs are taken
    assert_eq!(s.nodes[1].requested, vec![200, 2 * MB, 2]);
}

/// Random cpu-and-memory clusters with the edge cases (allocatable 0,
/// over-committed nodes, unset and zero requests, quantities near 2^53).
fn random_nodes(r: &mut crate::rng::Rng, n: usize, huge: bool) -> Vec<Node> {
    const BIG: i64 = 1 << 52;
    let shapes: Vec<(i64, i64)> = (0..3)
        .map(|_| (r.below(5) as i64 * 1000, r.below(5) as i64 * GIB))
        .collect();
    (0..n)
        .map(|_| {
            let (ac, am) = if huge {
                (BIG + r.below(1 << 40) as i64, BIG - r.below(1 << 40) as i64)
            } else {
                shapes[r.below(3) as usize]
            };
            let (rc, rm) = match r.below(10) {
                0 => (ac + 1, am / 2),
                1 => (ac / 3, am + 7),
                _ => (
                    r.below(ac as u64 / 2 + 1) as i64,
                    r.below(am as u64 / 2 + 1) as i64,
                ),
            };
            let mut nd = node(ac, am, rc, rm);
            if r.below(4) == 0 {
                nd.nonzero_requested[0] += r.below(300) as i64;
                nd.nonzero_requested[1] += r.below(300) as i64 * MB;
            }
            nd
        })
        .collect()
}

fn random_sched(r: &mut crate::rng::Rng, round: usize) -> SchedConfig {
    let strategy = [
        Strategy::LeastAllocated,
        Strategy::MostAllocated,
        Strategy::RequestedToCapacityRatio,
    ][round % 3];
    let mut c = sched(strategy, [35, 37][r.below(2) as usize]);
    let w = [
        vec![(CPU, 1), (MEM, 1)],
        vec![(CPU, 1)],
        vec![(MEM, 1)],
        vec![(CPU, 3), (MEM, 7)],
        vec![(CPU, 1), (MEM, 1), (CPU, 3)],
    ][r.below(5) as usize]
        .clone();
    c.fit.resources = w
        .iter()
        .map(|&(resource, weight)| Entry { resource, weight })
        .collect();
    if strategy == Strategy::RequestedToCapacityRatio {
        c.fit.shape = vec![(0, 10), (50, 3), (100, 7)];
    }
    c.balanced.resources = [vec![CPU, MEM], vec![MEM, CPU], vec![CPU], vec![MEM]]
        [r.below(4) as usize]
        .iter()
        .map(|&resource| Entry {
            resource,
            weight: 1,
        })
        .collect();
    c.fit_weight = r.below(3) as i64;
    c.balanced_weight = r.below(3) as i64;
    c
}

fn random_request(r: &mut crate::rng::Rng, scale: i64, huge: bool) -> Option<i64> {
    match r.below(8) {
        0 => None,
        1 => Some(0),
        _ => Some(if huge {
            r.below(1 << 44) as i64
        } else {
            r.below(scale as u64) as i64
        }),
    }
}

/// The fast path's per-node total equals the reference arithmetic.
#[test]
fn fast_totals_equal_the_reference() {
    let mut r = crate::rng::Rng::new(23);
    for round in 0..300 {
        let huge = round % 7 == 6;
        let nodes = random_nodes(&mut r, 20, huge);
        let s = Scheduler::new(random_sched(&mut r, round), K2.to_vec(), nodes).unwrap();
        for _ in 0..20 {
            let p = pod(
                random_request(&mut r, 3000, huge),
                random_request(&mut r, 3 * GIB, huge),
            );
            for i in 0..s.nodes.len() {
                assert_eq!(
                    s.fast_total(i, &p),
                    Some(s.reference_total(i, &p)),
                    "round {}",
                    round
                );
            }
        }
    }
}

#[test]
fn cached_scores_equal_a_full_rescan() {
    let mut r = crate::rng::Rng::new(3);
    for round in 0..12 {
        let nodes = random_nodes(&mut r, 150, false);
        let c = random_sched(&mut r, round);
        let mut a = Scheduler::new(c.clone(), K2.to_vec(), nodes.clone()).unwrap();
        let mut b = Scheduler::new(c, K2.to_vec(), nodes).unwrap();
        let shapes = [
            pod(Some(250), Some(256 * MB)),
            pod(None, Some(512 * MB)),
            pod(None, None),
            pod(Some(1000), None),
            pod(Some(0), Some(64 * MB)),
        ];
        let mut views = Vec::new();
        for _ in 0..1500 {
            let p = &shapes[r.below(5) as usize];
            assert_eq!(a.schedule(p, None), b.schedule(p, Some(&mut views)));
            assert_eq!(a.last_total, b.last_total);
        }
        assert_eq!(a.nodes, b.nodes);
    }
}

/// The block branch and bound (distinct requests, every node scored)
/// picks what the plain scan picks, for every strategy, weight mix and
/// version, on nodes with ties, allocatable 0, over-committed nodes, unset
/// requests and quantities near 2^53.
#[test]
fn block_search_equals_a_full_scan() {
    let mut r = crate::rng::Rng::new(11);
    for round in 0..72 {
        let n_nodes = [1, 15, 16, 17, 255, 256, 257, 700][r.below(8) as usize];
        let huge = round % 5 == 4;
        let nodes = random_nodes(&mut r, n_nodes, huge);
        let c = random_sched(&mut r, round);
        let mut a = Scheduler::new(c.clone(), K2.to_vec(), nodes.clone()).unwrap();
        let mut b = Scheduler::new(c, K2.to_vec(), nodes).unwrap();
        let mut views = Vec::new();
        for k in 0..300 {
            let p = pod(
                random_request(&mut r, 3000, huge).map(|c| c + k),
                random_request(&mut r, 3 * GIB, huge),
            );
            assert_eq!(
                a.schedule(&p, None),
                b.schedule(&p, Some(&mut views)),
                "round {} pod {}",
                round,
                k
            );
            assert_eq!(a.last_total, b.last_total);
        }
        assert_eq!(a.nodes, b.nodes);
    }
}

#[test]
fn block_bounds_cover_every_node() {
    let mut r = crate::rng::Rng::new(5);
    for round in 0..2000 {
        let nodes: Vec<Node> = (0..1 + r.below(20) as usize)
            .map(|_| {
                let ac = r.below(4) as i64 * 1000;
                let am = r.below(4) as i64 * 1000;
                let rc = r.below(ac as u64 + 300) as i64;
                let rm = r.below(am as u64 + 300) as i64;
                let mut n = node(ac, am, rc, rm);
                n.nonzero_requested = vec![rc + r.below(200) as i64, rm + r.below(200) as i64];
                n
            })
            .collect();
        let s = Scheduler::new(random_sched(&mut r, round), K2.to_vec(), nodes).unwrap();
        let p = pod(
            Some(r.below(1000) as i64),
            if r.below(4) == 0 {
                None
            } else {
                Some(r.below(1000) as i64)
            },
        );
        let (bounds, fast) = s.fast_bounds().unwrap();
        let key = [p.request[0], p.request[1]];
        let real = super::bounds::real2(&key);
        let nz = super::bounds::nonzero2(&key);
        let u = bounds.upper(
            s.config(),
            fast,
            &real,
            &[nz[0] as f64, nz[1] as f64],
            fast.balanced_skip(&real),
        );
        for i in 0..s.nodes.len() {
            let t = s.reference_total(i, &p);
            assert!(
                t <= u,
                "total {} above bound {} for {:?}",
                t,
                u,
                Node2::of(&s.nodes[i])
            );
        }
    }
}

#[test]
fn float_division_equals_integer_division() {
    let mut r = crate::rng::Rng::new(17);
    for _ in 0..200_000 {
        let b = ((1 + r.below(1 << 52) as i64) >> r.below(52)).max(1);
        let a = r.below(1 << 53) as i64 >> r.below(53);
        assert_eq!(div(a, b), a / b, "{} / {}", a, b);
        let k = r.below(1000) as i64;
        assert_eq!(div(k * b, b), k);
        if k * b > 0 {
            assert_eq!(div(k * b - 1, b), (k * b - 1) / b);
        }
    }
}

#[test]
fn validation_follows_kube() {
    let mut c = ScoreConfig::new(Strategy::RequestedToCapacityRatio);
    c.shape = vec![(0, 0), (0, 10)];
    assert_eq!(c.validate().unwrap_err().field, "shape[1].utilization");
    c.shape = vec![(0, 11)];
    assert_eq!(c.validate().unwrap_err().field, "shape[0].score");
    c.shape = vec![];
    assert_eq!(c.validate().unwrap_err().field, "shape");
    let w = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(CPU, 101), (MEM, 1)]);
    assert_eq!(w.validate().unwrap_err().field, "resources[0].weight");
    let w = ScoreConfig::with_weights(Strategy::LeastAllocated, &[(CPU, 0)]);
    assert_eq!(w.validate().unwrap_err().field, "resources[0].weight");
    // Fit strategies may repeat a resource; BalancedAllocation may not, and
    // its weights must be 1.
    assert!(
        ScoreConfig::with_weights(Strategy::MostAllocated, &[(CPU, 1), (CPU, 2)])
            .validate()
            .is_ok()
    );
    let b = ScoreConfig::with_weights(Strategy::BalancedAllocation, &[(CPU, 1), (CPU, 1)]);
    assert_eq!(b.validate().unwrap_err().field, "resources[1].name");
    let b = ScoreConfig::with_weights(Strategy::BalancedAllocation, &[(CPU, 1), (MEM, 2)]);
    assert_eq!(b.validate().unwrap_err().field, "resources[1].weight");
    let e = ScoreConfig::with_weights(Strategy::BalancedAllocation, &[]);
    assert_eq!(e.validate().unwrap_err().field, "resources");
    assert_eq!(KubeVersion::new(34.0).unwrap_err().field, "kubeVersion");
    assert_eq!(KubeVersion::new(38.0).unwrap_err().field, "kubeVersion");
    assert!(KubeVersion::new(36.0).unwrap().balance_change());
    assert!(!KubeVersion::new(35.0).unwrap().balance_change());
    assert_eq!(
        quantity("nodes[3].allocatable.cpu", -1.0)
            .unwrap_err()
            .field,
        "nodes[3].allocatable.cpu"
    );
    assert!(quantity("x", 1.5).is_err());
}

/// The wasm build converts scores and quotients with `trunc_i64_bits`
/// (|x| < 2^51) and `as` beyond: both must equal `as i64` everywhere.
#[test]
fn float_to_int_without_checks_equals_as() {
    let mut r = crate::rng::Rng::new(51);
    let limit = (1u64 << 51) as f64;
    let mut xs = vec![
        0.0,
        -0.0,
        0.5,
        -0.5,
        0.999_999_999_999_999_9,
        1.0,
        -1.0,
        99.999_999_9,
        100.0,
        limit - 1.0,
        limit - 0.5,
        -(limit - 1.0),
        -(limit - 0.5),
    ];
    for _ in 0..200_000 {
        let mag = 2f64.powi(r.below(52) as i32);
        let x = (r.next_f64() * 2.0 - 1.0) * mag;
        xs.push(x);
        xs.push(x.trunc());
    }
    for &x in &xs {
        assert!(x.abs() < limit);
        assert_eq!(trunc_i64_bits(x), x as i64, "trunc_i64_bits({})", x);
        assert_eq!(trunc_i64(x), x as i64, "trunc_i64({})", x);
    }
    for x in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        limit,
        -limit,
        1e19,
        -1e19,
        9.3e18,
    ] {
        assert_eq!(trunc_i64(x), x as i64, "trunc_i64({})", x);
    }
}

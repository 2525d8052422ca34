// The batch side for `npm run bench` (test/bench/cli.bench.ts): the same
// scheduling queue `virtlab score` runs for a request with "pods" and
// "bind": true, done with kube-scheduler's own NodeResourcesFit plugin. For
// each pod in order: PreFilter and Filter on every node, PreScore and Score
// on the feasible ones, then bind to the highest score (lowest-numbered node
// among equals, VirtLab's documented tie rule; kube-scheduler itself picks
// one of the tied nodes at random) by adding the pod to that node. It prints
// the time taken and every pod's node, so the bench can check that both
// chose the same nodes.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"syscall"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	fwk "k8s.io/kube-scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/feature"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/noderesources"
)

type batchRequest struct {
	Strategy  string             `json:"strategy"`
	Resources []resourceSpec     `json:"resources"`
	Shape     []shapePoint       `json:"shape,omitempty"`
	Nodes     []jsonNode         `json:"nodes"`
	Pods      []map[string]int64 `json:"pods"`
	Bind      bool               `json:"bind"`
}

type batchResult struct {
	WallMs     float64 `json:"wallMs"`
	CPUMs      float64 `json:"cpuMs"`
	Scheduled  int     `json:"scheduled"`
	Assignment []int   `json:"assignment"`
}

func cpuMs() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func runBatch(ctx context.Context, h fwk.Handle, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var req batchRequest
	if err := json.Unmarshal(data, &req); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if !req.Bind || req.Strategy == "" || req.Strategy == "BalancedAllocation" {
		return fmt.Errorf("%s: a batch needs \"bind\": true and a NodeResourcesFit strategy", path)
	}
	specs := make([]config.ResourceSpec, len(req.Resources))
	for i, r := range req.Resources {
		specs[i] = config.ResourceSpec{Name: r.Name, Weight: r.Weight}
	}
	if len(specs) == 0 {
		specs = []config.ResourceSpec{{Name: "cpu", Weight: 1}, {Name: "memory", Weight: 1}}
	}
	st := &config.ScoringStrategy{Type: config.ScoringStrategyType(req.Strategy), Resources: specs}
	if req.Strategy == "RequestedToCapacityRatio" {
		shape := make([]config.UtilizationShapePoint, len(req.Shape))
		for i, p := range req.Shape {
			shape[i] = config.UtilizationShapePoint{Utilization: p.Utilization, Score: p.Score}
		}
		st.RequestedToCapacityRatio = &config.RequestedToCapacityRatioParam{Shape: shape}
	}
	pl, err := noderesources.NewFit(ctx, &config.NodeResourcesFitArgs{ScoringStrategy: st}, h, feature.Features{})
	if err != nil {
		return err
	}
	fit := pl.(*noderesources.Fit)

	infos := make([]*framework.NodeInfo, len(req.Nodes))
	all := make([]fwk.NodeInfo, len(req.Nodes))
	for i, n := range req.Nodes {
		existing := map[string]int64{"cpu": 0, "memory": 0}
		for name, q := range n.Requested {
			existing[name] = q
		}
		ni := framework.NewNodeInfo(podWith("existing-"+n.Name, existing))
		alloc := resourceList(n.Allocatable)
		alloc[v1.ResourcePods] = *resource.NewQuantity(1_000_000, resource.DecimalSI)
		ni.SetNode(&v1.Node{ObjectMeta: metav1.ObjectMeta{Name: n.Name}, Status: v1.NodeStatus{Allocatable: alloc}})
		infos[i] = ni
		all[i] = ni
	}
	pods := make([]*v1.Pod, len(req.Pods))
	for i, p := range req.Pods {
		pods[i] = podWith(fmt.Sprintf("pod-%d", i), p)
	}

	out := batchResult{Assignment: make([]int, len(pods))}
	cpu0, wall0 := cpuMs(), time.Now()
	feasible := make([]fwk.NodeInfo, 0, len(all))
	index := make([]int, 0, len(all))
	for i, pod := range pods {
		out.Assignment[i] = -1
		state := framework.NewCycleState()
		if _, s := fit.PreFilter(ctx, state, pod, all); !s.IsSuccess() {
			return s.AsError()
		}
		feasible, index = feasible[:0], index[:0]
		for j, ni := range all {
			if fit.Filter(ctx, state, pod, ni).IsSuccess() {
				feasible = append(feasible, ni)
				index = append(index, j)
			}
		}
		if len(feasible) == 0 {
			continue
		}
		if s := fit.PreScore(ctx, state, pod, feasible); !s.IsSuccess() {
			return s.AsError()
		}
		best, bestScore := -1, int64(-1)
		for k, ni := range feasible {
			v, s := fit.Score(ctx, state, pod, ni)
			if !s.IsSuccess() {
				return s.AsError()
			}
			if v > bestScore {
				best, bestScore = index[k], v
			}
		}
		infos[best].AddPod(pod)
		out.Assignment[i] = best
		out.Scheduled++
	}
	out.WallMs = float64(time.Since(wall0).Microseconds()) / 1000
	out.CPUMs = cpuMs() - cpu0
	return json.NewEncoder(os.Stdout).Encode(out)
}

// Conformance of VirtLab's Kubernetes scoring against kube-scheduler's own
// noderesources plugins (NodeResourcesFit's filter and scoring strategies,
// NodeResourcesBalancedAllocation), built from the k8s.io/kubernetes module
// pinned in go.mod (v1.37.2) or go1.35.mod (v1.35.4).
//
// It draws seeded random clusters, scores each with the real plugins, sends
// the same cluster as one JSON line to one `virtlab score --jsonl` process
// and compares every node's score and filter verdict exactly. Exit status 1
// on any difference (the first few are printed in full).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"

	v1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	apiruntime "k8s.io/apimachinery/pkg/runtime"
	ktypes "k8s.io/apimachinery/pkg/types"
	fwk "k8s.io/kube-scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/feature"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/noderesources"
	frameworkruntime "k8s.io/kubernetes/pkg/scheduler/framework/runtime"
)

// Resources drawn from: the three native ones the plugins know by name and
// three scalar ones (two extended resources and a huge-page size).
var pool = []string{"cpu", "memory", "ephemeral-storage", "nvidia.com/gpu", "example.com/foo", "hugepages-2Mi"}

var strategies = []string{"LeastAllocated", "MostAllocated", "RequestedToCapacityRatio", "BalancedAllocation"}

type resourceSpec struct {
	Name   string `json:"name"`
	Weight int64  `json:"weight"`
}

type shapePoint struct {
	Utilization int32 `json:"utilization"`
	Score       int32 `json:"score"`
}

type jsonNode struct {
	Name        string           `json:"name"`
	Allocatable map[string]int64 `json:"allocatable"`
	Requested   map[string]int64 `json:"requested"`
}

type request struct {
	KubeVersion string           `json:"kubeVersion"`
	Strategy    string           `json:"strategy"`
	Resources   []resourceSpec   `json:"resources"`
	Shape       []shapePoint     `json:"shape,omitempty"`
	Nodes       []jsonNode       `json:"nodes"`
	Pod         map[string]int64 `json:"pod"`
}

type response struct {
	Scores        map[string]int64 `json:"scores"`
	Unschedulable []string         `json:"unschedulable"`
	Error         *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// quantity draws an amount on one of several scales, with the edge cases
// (0, exactly the free room, one more) often.
func quantity(r *rand.Rand, name string) int64 {
	switch name {
	case "cpu":
		return []int64{0, 100, 250, 1000, 4000, 16000, 64000}[r.Intn(7)] + int64(r.Intn(3))*int64(r.Intn(1000))
	case "nvidia.com/gpu", "example.com/foo":
		return int64(r.Intn(9))
	default: // bytes
		gib := int64(1) << 30
		return []int64{0, gib / 4, gib, 8 * gib, 64 * gib}[r.Intn(5)] + int64(r.Intn(3))*r.Int63n(gib)
	}
}

func genCase(r *rand.Rand, version string) request {
	req := request{KubeVersion: version, Strategy: strategies[r.Intn(len(strategies))], Pod: map[string]int64{}}
	// Scoring resources: 1-4 entries; the fit strategies may repeat one.
	n := 1 + r.Intn(4)
	seen := map[string]bool{}
	for len(req.Resources) < n {
		name := pool[r.Intn(len(pool))]
		if r.Intn(3) > 0 {
			name = pool[r.Intn(2)] // cpu and memory most often
		}
		if req.Strategy == "BalancedAllocation" {
			if seen[name] {
				if len(seen) == len(pool) {
					break
				}
				continue
			}
			seen[name] = true
			req.Resources = append(req.Resources, resourceSpec{name, 1})
			continue
		}
		w := int64(1 + r.Intn(5))
		if r.Intn(4) == 0 {
			w = int64(1 + r.Intn(100))
		}
		req.Resources = append(req.Resources, resourceSpec{name, w})
	}
	if req.Strategy == "RequestedToCapacityRatio" {
		u := int32(0)
		for k := 0; k < 1+r.Intn(4) && u <= 100; k++ {
			req.Shape = append(req.Shape, shapePoint{u, int32(r.Intn(11))})
			u += int32(1 + r.Intn(60))
		}
	}
	// The resources this cluster uses at all.
	var used []string
	for _, name := range pool {
		if r.Intn(3) > 0 || name == "cpu" || name == "memory" {
			used = append(used, name)
		}
	}
	for i := 0; i < 1+r.Intn(8); i++ {
		node := jsonNode{Name: fmt.Sprintf("n%d", i), Allocatable: map[string]int64{}, Requested: map[string]int64{}}
		for _, name := range used {
			a := quantity(r, name)
			if r.Intn(10) == 0 {
				a = 0
			}
			if name == "cpu" || name == "memory" || r.Intn(5) > 0 {
				node.Allocatable[name] = a
			}
			var q int64
			switch r.Intn(5) {
			case 0:
				q = 0
			case 1: // over-committed
				q = a + quantity(r, name)
			default:
				if a > 0 {
					q = r.Int63n(a + 1)
				}
			}
			if q > 0 || r.Intn(2) == 0 {
				node.Requested[name] = q
			}
		}
		req.Nodes = append(req.Nodes, node)
	}
	first := req.Nodes[0]
	for _, name := range used {
		switch r.Intn(6) {
		case 0: // unset (cpu and memory then count as 100m / 200Mi for the fit scores)
		case 1:
			req.Pod[name] = 0
		case 2: // a tight fit on the first node: exactly its free room, or one more
			free := first.Allocatable[name] - first.Requested[name]
			if free < 0 {
				free = 0
			}
			req.Pod[name] = free + int64(r.Intn(2))
		default:
			req.Pod[name] = quantity(r, name) / int64(1+r.Intn(8))
		}
	}
	return req
}

func resourceList(m map[string]int64) v1.ResourceList {
	l := v1.ResourceList{}
	for name, q := range m {
		if name == "cpu" {
			l[v1.ResourceName(name)] = *resource.NewMilliQuantity(q, resource.DecimalSI)
		} else {
			l[v1.ResourceName(name)] = *resource.NewQuantity(q, resource.BinarySI)
		}
	}
	return l
}

func podWith(name string, requests map[string]int64) *v1.Pod {
	return &v1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: ktypes.UID("uid-" + strings.ReplaceAll(name, "/", "-"))},
		Spec: v1.PodSpec{Containers: []v1.Container{{
			Name:      "c",
			Resources: v1.ResourceRequirements{Requests: resourceList(requests)},
		}}},
	}
}

// kube scores the case with the real plugins: per node the strategy's score
// and whether NodeResourcesFit's filter lets the pod through.
func kube(ctx context.Context, h fwk.Handle, c request) (map[string]int64, map[string]bool, error) {
	specs := make([]config.ResourceSpec, len(c.Resources))
	for i, r := range c.Resources {
		specs[i] = config.ResourceSpec{Name: r.Name, Weight: r.Weight}
	}
	fitArgs := &config.NodeResourcesFitArgs{ScoringStrategy: &config.ScoringStrategy{
		Type:      config.LeastAllocated,
		Resources: []config.ResourceSpec{{Name: "cpu", Weight: 1}, {Name: "memory", Weight: 1}},
	}}
	var scorer apiruntime.Object
	switch c.Strategy {
	case "BalancedAllocation":
		scorer = &config.NodeResourcesBalancedAllocationArgs{Resources: specs}
	default:
		st := &config.ScoringStrategy{Type: config.ScoringStrategyType(c.Strategy), Resources: specs}
		if c.Strategy == "RequestedToCapacityRatio" {
			shape := make([]config.UtilizationShapePoint, len(c.Shape))
			for i, p := range c.Shape {
				shape[i] = config.UtilizationShapePoint{Utilization: p.Utilization, Score: p.Score}
			}
			st.RequestedToCapacityRatio = &config.RequestedToCapacityRatioParam{Shape: shape}
		}
		scorer = &config.NodeResourcesFitArgs{ScoringStrategy: st}
	}
	fit, err := noderesources.NewFit(ctx, fitArgs, h, feature.Features{})
	if err != nil {
		return nil, nil, err
	}
	var sp fwk.Plugin
	if c.Strategy == "BalancedAllocation" {
		sp, err = noderesources.NewBalancedAllocation(ctx, scorer, h, feature.Features{})
	} else {
		sp, err = noderesources.NewFit(ctx, scorer, h, feature.Features{})
	}
	if err != nil {
		return nil, nil, err
	}
	pod := podWith("p", c.Pod)
	infos := make([]fwk.NodeInfo, len(c.Nodes))
	for i, n := range c.Nodes {
		// One pod per node carries the node's requests (explicit, so its
		// non-zero requests equal them, as in VirtLab's input).
		existing := map[string]int64{"cpu": 0, "memory": 0}
		for name, q := range n.Requested {
			existing[name] = q
		}
		ni := framework.NewNodeInfo(podWith("existing-"+n.Name, existing))
		alloc := resourceList(n.Allocatable)
		alloc[v1.ResourcePods] = *resource.NewQuantity(1000, resource.DecimalSI)
		ni.SetNode(&v1.Node{ObjectMeta: metav1.ObjectMeta{Name: n.Name}, Status: v1.NodeStatus{Allocatable: alloc}})
		infos[i] = ni
	}
	filterState := framework.NewCycleState()
	fitPl := fit.(*noderesources.Fit)
	if _, s := fitPl.PreFilter(ctx, filterState, pod, infos); !s.IsSuccess() {
		return nil, nil, s.AsError()
	}
	fits := map[string]bool{}
	for i, n := range c.Nodes {
		fits[n.Name] = fitPl.Filter(ctx, filterState, pod, infos[i]).IsSuccess()
	}
	scores := map[string]int64{}
	state := framework.NewCycleState()
	pre := sp.(fwk.PreScorePlugin)
	s := pre.PreScore(ctx, state, pod, infos)
	if s.IsSkip() {
		// A skipped plugin adds nothing to any node: VirtLab reports 0.
		for _, n := range c.Nodes {
			scores[n.Name] = 0
		}
		return scores, fits, nil
	}
	if !s.IsSuccess() {
		return nil, nil, s.AsError()
	}
	for i, n := range c.Nodes {
		v, s := sp.(fwk.ScorePlugin).Score(ctx, state, pod, infos[i])
		if !s.IsSuccess() {
			return nil, nil, s.AsError()
		}
		scores[n.Name] = v
	}
	return scores, fits, nil
}

func main() {
	cases := flag.Int("cases", 5000, "random clusters to compare")
	seed := flag.Int64("seed", 1, "seed of the random clusters")
	version := flag.String("version", "", "kubeVersion sent to VirtLab (the version this build pins, e.g. 1.37)")
	virtlab := flag.String("virtlab", "node bin/virtlab.mjs score --jsonl", "command that reads requests and writes results, one JSON per line")
	dump := flag.String("dump", "", "also write the cases and kube's answers to this JSONL file")
	batch := flag.String("batch", "", "schedule this file's pods with the plugins and print the time and the nodes chosen (batch.go), instead of comparing")
	flag.Parse()
	if *batch != "" {
		h, err := frameworkruntime.NewFramework(context.Background(), nil, nil)
		if err == nil {
			err = runBatch(context.Background(), h, *batch)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		return
	}
	if *version == "" {
		fmt.Fprintln(os.Stderr, "-version is required (e.g. 1.37)")
		os.Exit(2)
	}
	ctx := context.Background()
	h, err := frameworkruntime.NewFramework(ctx, nil, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	args := strings.Fields(*virtlab)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "cannot start VirtLab:", err)
		os.Exit(2)
	}
	var dumpW *bufio.Writer
	if *dump != "" {
		f, err := os.Create(*dump)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer f.Close()
		dumpW = bufio.NewWriter(f)
		defer dumpW.Flush()
	}
	r := rand.New(rand.NewSource(*seed))
	reqs := make([]request, *cases)
	type answer struct {
		scores map[string]int64
		fits   map[string]bool
	}
	want := make([]answer, *cases)
	start := time.Now()
	for i := range reqs {
		reqs[i] = genCase(r, *version)
		s, f, err := kube(ctx, h, reqs[i])
		if err != nil {
			fmt.Fprintf(os.Stderr, "case %d: kube-scheduler rejected it: %v\n", i, err)
			os.Exit(2)
		}
		want[i] = answer{s, f}
	}
	kubeTime := time.Since(start)
	// Write all requests while reading the answers (the pipe would fill).
	go func() {
		w := bufio.NewWriter(stdin)
		for i := range reqs {
			b, _ := json.Marshal(reqs[i])
			w.Write(b)
			w.WriteByte('\n')
		}
		w.Flush()
		stdin.Close()
	}()
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	diffs := 0
	stats := map[string]int{}
	for i := range reqs {
		if !sc.Scan() {
			fmt.Fprintf(os.Stderr, "VirtLab stopped after %d of %d answers\n", i, len(reqs))
			os.Exit(1)
		}
		var got response
		if err := json.Unmarshal(sc.Bytes(), &got); err != nil {
			fmt.Fprintf(os.Stderr, "case %d: unreadable answer %q: %v\n", i, sc.Text(), err)
			os.Exit(1)
		}
		if dumpW != nil {
			b, _ := json.Marshal(map[string]any{"request": reqs[i], "kube": map[string]any{"scores": want[i].scores, "fits": want[i].fits}, "virtlab": json.RawMessage(sc.Bytes())})
			dumpW.Write(b)
			dumpW.WriteByte('\n')
		}
		stats[reqs[i].Strategy]++
		var problems []string
		if got.Error != nil {
			problems = append(problems, "VirtLab error: "+got.Error.Message)
		} else {
			unsched := map[string]bool{}
			for _, n := range got.Unschedulable {
				unsched[n] = true
			}
			names := make([]string, 0, len(want[i].scores))
			for n := range want[i].scores {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				if v, ok := got.Scores[n]; !ok || v != want[i].scores[n] {
					problems = append(problems, fmt.Sprintf("%s: score kube %d, VirtLab %d", n, want[i].scores[n], v))
				}
				if want[i].fits[n] == unsched[n] {
					problems = append(problems, fmt.Sprintf("%s: filter kube fits=%v, VirtLab fits=%v", n, want[i].fits[n], !unsched[n]))
				}
			}
		}
		if len(problems) > 0 {
			diffs++
			if diffs <= 5 {
				b, _ := json.Marshal(reqs[i])
				fmt.Printf("case %d differs: %s\n  input: %s\n", i, strings.Join(problems, "; "), b)
			}
		}
	}
	stdin.Close()
	cmd.Wait()
	fmt.Printf("kube-scheduler %s noderesources vs VirtLab: %d random clusters (seed %d; %d LeastAllocated, %d MostAllocated, %d RequestedToCapacityRatio, %d BalancedAllocation), %d differ (kube side %.1f s)\n",
		*version, len(reqs), *seed, stats["LeastAllocated"], stats["MostAllocated"], stats["RequestedToCapacityRatio"], stats["BalancedAllocation"], diffs, kubeTime.Seconds())
	if diffs > 0 {
		os.Exit(1)
	}
}

// Baselines for the placement benchmark, in TypeScript:
// - TypedFirstFit: a port of wasm-core/src/placement/tree.rs (the same max
//   segment tree with aspect-ratio keys, same search from a start leaf) and
//   first_fit.rs's per-demand start hints, over typed arrays; its
//   keys scale by division where tree.rs multiplies and shifts (both are
//   exact: keys only need to be monotone), and its nodes are not padded to
//   32 bytes as tree.rs's are;
// - straightforwardFirstFit: an object per host and a linear scan, as one
//   would write it without thinking about speed.
// Both place 2-D workloads ([cpu, mem] pairs) onto hosts of equal capacity
// and return the assignment (UNPLACED = 0xffffffff), for checking against
// the core.

const G = 3;
const SHIFTS = [2, 8, 32]; // 2^1, 2^3, 2^5 as in tree.rs
const W = 3 + G; // values per tree node: max cpu, mem, disk, then G keys
export const UNPLACED = 0xffffffff;

export class TypedFirstFit {
  readonly size: number;
  readonly n: number;
  readonly node: Uint32Array;
  readonly cmax: [number, number];
  readonly q = new Uint32Array(W);

  constructor(n: number, capCpu: number, capMem: number) {
    this.n = n;
    let size = 1;
    while (size < n) size *= 2;
    this.size = size;
    this.cmax = [Math.max(1, capCpu), Math.max(1, capMem)];
    this.node = new Uint32Array(2 * size * W);
    for (let h = 0; h < n; h++) this.setLeaf(size + h, capCpu, capMem, 0);
    for (let i = size - 1; i >= 1; i--) this.join(i);
  }

  /** Writes keys of (c, m, d) into `out` at offset `o`. */
  keys(out: Uint32Array, o: number, c: number, m: number, d: number): void {
    out[o] = c;
    out[o + 1] = m;
    out[o + 2] = d;
    // Same integer arithmetic as tree.rs: floor(v · 2^20 / cmax), clamped at 2^21.
    const sc = Math.min(Math.floor((c * 1048576) / this.cmax[0]), 2097152);
    const sm = Math.min(Math.floor((m * 1048576) / this.cmax[1]), 2097152);
    const m8 = sm * 8;
    for (let j = 0; j < G; j++) out[o + 3 + j] = Math.min(sc * SHIFTS[j], m8);
  }

  setLeaf(i: number, c: number, m: number, d: number): void {
    this.keys(this.node, i * W, c, m, d);
  }

  join(i: number): boolean {
    const t = this.node;
    const a = 2 * i * W;
    const b = a + W;
    const o = i * W;
    let changed = false;
    for (let k = 0; k < W; k++) {
      const v = Math.max(t[a + k], t[b + k]);
      if (t[o + k] !== v) {
        t[o + k] = v;
        changed = true;
      }
    }
    return changed;
  }

  mayFit(i: number): boolean {
    const t = this.node;
    const o = i * W;
    const q = this.q;
    for (let k = 0; k < W; k++) if (t[o + k] < q[k]) return false;
    return true;
  }

  /** Leftmost host with index >= start that fits (c, m), or -1 (as tree.rs first_fit_from). */
  firstFitFrom(start: number, c: number, m: number): number {
    if (start >= this.n) return -1;
    this.keys(this.q, 0, c, m, 0);
    let i: number;
    if (start === 0) {
      if (!this.mayFit(1)) return -1;
      i = 1;
    } else {
      // Climb from start's leaf to the nearest subtree on the right that may fit.
      const leaf = this.size + start;
      if (this.mayFit(leaf)) return start;
      i = this.nextRight(leaf);
      if (i < 0) return -1;
    }
    for (;;) {
      if (i >= this.size) return i - this.size < this.n ? i - this.size : -1;
      const l = 2 * i;
      if (this.mayFit(l)) i = l;
      else if (this.mayFit(l + 1)) i = l + 1;
      else {
        i = this.nextRight(i);
        if (i < 0) return -1;
      }
    }
  }

  /** The nearest node right of node i (right sibling of i or of an ancestor) that may fit, or -1. */
  nextRight(i: number): number {
    for (;;) {
      if ((i & 1) === 0 && this.mayFit(i + 1)) return i + 1;
      i >>= 1;
      if (i <= 1) return -1;
    }
  }

  /** Empties host h's leaf: no remaining workload can fit it (as tree.rs retire). */
  retire(h: number): void {
    let i = this.size + h;
    this.node.fill(0, i * W, i * W + W);
    while (i > 1) {
      i >>= 1;
      if (!this.join(i)) break;
    }
  }

  take(h: number, c: number, m: number): void {
    let i = this.size + h;
    const o = i * W;
    this.setLeaf(i, this.node[o] - c, this.node[o + 1] - m, this.node[o + 2]);
    while (i > 1) {
      i >>= 1;
      if (!this.join(i)) break;
    }
  }
}

// Per-demand start hints, as first_fit.rs: free amounts only shrink, so a
// search for a demand seen before starts where its last search ended. Same
// 256-slot table and hash (the disk term is 0 here).
const HINT_SLOTS = 256;
const hintSlot = (c: number, m: number) => ((Math.imul(c, 0x9e3779b1) ^ Math.imul(m, 0x85ebca77)) >>> 0) >>> 24;

export function typedFirstFit(nHosts: number, capCpu: number, capMem: number, work: Uint32Array): Uint32Array {
  const t = new TypedFirstFit(nHosts, capCpu, capMem);
  const hintCpu = new Uint32Array(HINT_SLOTS);
  const hintMem = new Uint32Array(HINT_SLOTS);
  const hintFrom = new Uint32Array(HINT_SLOTS); // nHosts: nothing fits that demand any more
  const n = work.length / 2;
  const out = new Uint32Array(n);
  // Change points of the minimum demand still to come (as mod.rs suffix_minima).
  const starts: number[] = [];
  const mins: number[] = [];
  let mc = Infinity;
  let mm = Infinity;
  for (let pos = n - 1; pos >= 0; pos--) {
    const c = Math.min(mc, work[2 * pos]);
    const m = Math.min(mm, work[2 * pos + 1]);
    if (c !== mc || m !== mm || starts.length === 0) {
      starts.push(pos);
      mins.push(c, m);
      mc = c;
      mm = m;
    } else starts[starts.length - 1] = pos;
  }
  starts.reverse();
  const minPairs: number[] = [];
  for (let k = mins.length - 2; k >= 0; k -= 2) minPairs.push(mins[k], mins[k + 1]);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const c = work[2 * i];
    const m = work[2 * i + 1];
    const slot = hintSlot(c, m);
    const start = hintCpu[slot] === c && hintMem[slot] === m ? hintFrom[slot] : 0;
    const h = t.firstFitFrom(start, c, m);
    hintCpu[slot] = c;
    hintMem[slot] = m;
    hintFrom[slot] = h < 0 ? nHosts : h;
    while (next + 1 < starts.length && starts[next + 1] <= i + 1) next++;
    if (h < 0) out[i] = UNPLACED;
    else {
      t.take(h, c, m);
      out[i] = h;
      const o = (t.size + h) * W;
      if (starts[next] <= i + 1 && (t.node[o] < minPairs[2 * next] || t.node[o + 1] < minPairs[2 * next + 1]))
        t.retire(h);
    }
  }
  return out;
}

interface Host {
  freeCpu: number;
  freeMem: number;
}

export function straightforwardFirstFit(
  nHosts: number,
  capCpu: number,
  capMem: number,
  work: Uint32Array,
): Uint32Array {
  const hosts: Host[] = [];
  for (let h = 0; h < nHosts; h++) hosts.push({ freeCpu: capCpu, freeMem: capMem });
  const out = new Uint32Array(work.length / 2);
  for (let i = 0; i < out.length; i++) {
    const c = work[2 * i];
    const m = work[2 * i + 1];
    out[i] = UNPLACED;
    for (let h = 0; h < hosts.length; h++) {
      const host = hosts[h];
      if (host.freeCpu >= c && host.freeMem >= m) {
        host.freeCpu -= c;
        host.freeMem -= m;
        out[i] = h;
        break;
      }
    }
  }
  return out;
}

// The page side of the simulation worker. Widgets call `run(key, …)` on
// every input change; per key, bursts are merged (only the latest request of
// a burst is sent, and while a run is in flight only the latest waiting
// request survives), superseded runs are cancelled or their results dropped,
// and progress of long runs is reported.
import { SimError } from './errors.ts';
import type { ScenarioInput, ScenarioName, ScenarioResult } from './scenarios.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

/** The part of a Worker the client uses; tests pass a fake. */
export interface WorkerLike {
  postMessage(message: ToWorker, transfer?: Transferable[]): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  terminate?(): void;
}

/** Rejection of a request that a later one replaced, or that was cancelled. */
export class RunCancelledError extends Error {
  readonly reason: 'superseded' | 'cancelled';
  constructor(reason: 'superseded' | 'cancelled') {
    super(reason === 'superseded' ? 'a newer request replaced this run' : 'the run was cancelled');
    this.name = 'RunCancelledError';
    this.reason = reason;
  }
}

export interface RunOptions {
  onProgress?: (p: { progress: number; events: number }) => void;
  /** Cancel the key's in-flight run instead of letting it finish first (for long runs). Default false. */
  cancelRunning?: boolean;
  /** Events per worker step between cancellation checks and progress reports. */
  chunkEvents?: number;
}

interface Job {
  id: number;
  key: string;
  scenario: ScenarioName;
  input: ScenarioInput;
  opts: RunOptions;
  resolve: (r: ScenarioResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  running?: Job;
  pending?: Job;
  flushQueued?: boolean;
}

export class SimWorkerClient {
  readonly #worker: WorkerLike;
  readonly #slots = new Map<string, Slot>();
  /** In-flight jobs by id; a message for an id not here belongs to a dropped run. */
  readonly #inFlight = new Map<number, Job>();
  #nextId = 1;

  constructor(worker: WorkerLike) {
    this.#worker = worker;
    worker.onmessage = (event) => this.#receive(event.data);
  }

  /** Runs `scenario` for widget `key`; the latest request per key wins. */
  run(key: string, scenario: ScenarioName, input: ScenarioInput = {}, opts: RunOptions = {}): Promise<ScenarioResult> {
    return new Promise<ScenarioResult>((resolve, reject) => {
      const slot = this.#slot(key);
      const job: Job = { id: this.#nextId++, key, scenario, input, opts, resolve, reject };
      slot.pending?.reject(new RunCancelledError('superseded'));
      slot.pending = job;
      if (slot.running && opts.cancelRunning) this.#drop(slot.running, 'superseded');
      // Flush after the current task: a burst of calls in one tick sends one request.
      if (!slot.flushQueued) {
        slot.flushQueued = true;
        queueMicrotask(() => {
          slot.flushQueued = false;
          this.#flush(key);
        });
      }
    });
  }

  /** Cancels the key's running and waiting requests. */
  cancel(key: string): void {
    const slot = this.#slots.get(key);
    if (!slot) return;
    slot.pending?.reject(new RunCancelledError('cancelled'));
    slot.pending = undefined;
    if (slot.running) this.#drop(slot.running, 'cancelled');
  }

  /** Number of runs sent to the worker and not yet answered (for tests and diagnostics). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  terminate(): void {
    for (const key of this.#slots.keys()) this.cancel(key);
    this.#worker.terminate?.();
  }

  #slot(key: string): Slot {
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = {};
      this.#slots.set(key, slot);
    }
    return slot;
  }

  /** Rejects a running job, tells the worker to stop it, and forgets its id. */
  #drop(job: Job, reason: 'superseded' | 'cancelled'): void {
    this.#inFlight.delete(job.id);
    this.#worker.postMessage({ type: 'cancel', id: job.id });
    job.reject(new RunCancelledError(reason));
    const slot = this.#slots.get(job.key);
    if (slot?.running === job) slot.running = undefined;
  }

  #flush(key: string): void {
    const slot = this.#slots.get(key);
    if (!slot || slot.running || !slot.pending) return;
    const job = slot.pending;
    slot.pending = undefined;
    slot.running = job;
    this.#inFlight.set(job.id, job);
    this.#worker.postMessage({
      type: 'run',
      id: job.id,
      scenario: job.scenario,
      input: job.input,
      chunkEvents: job.opts.chunkEvents,
    });
  }

  #receive(msg: FromWorker): void {
    const job = this.#inFlight.get(msg.id);
    if (!job) return; // superseded or cancelled: drop
    if (msg.type === 'progress') {
      job.opts.onProgress?.({ progress: msg.progress, events: msg.events });
      return;
    }
    this.#inFlight.delete(msg.id);
    const slot = this.#slots.get(job.key);
    if (slot?.running === job) slot.running = undefined;
    if (msg.type === 'result') job.resolve(msg.result);
    else if (msg.type === 'error') job.reject(new SimError(msg.error.code, msg.error.field, msg.error.message));
    else job.reject(new RunCancelledError('cancelled'));
    this.#flush(job.key);
  }
}

/**
 * A page may start a Worker only from a script of its own origin. The
 * embedding script (/embed/virtlab.js) runs on other sites' pages but is
 * served from VirtLab's origin, so there the worker starts from a one-line
 * blob module that imports the real one (fetched with CORS, like the script
 * itself). Inside it import.meta.url is still the real URL, so the wasm is
 * found beside it.
 */
class CrossOriginWorker {
  constructor(url: URL, options: WorkerOptions) {
    const source = new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' });
    // biome-ignore lint/correctness/noConstructorReturn: stands in for `new Worker` (see createSimWorker).
    return new globalThis.Worker(URL.createObjectURL(source), { ...options, type: 'module' });
  }
}

/** Starts the module worker (bundlers resolve the URL) and wraps it in a client. */
export function createSimWorker(): SimWorkerClient {
  // Vite bundles a worker only where it reads `new Worker(new URL('./…', import.meta.url))`
  // literally, so the constructor chosen for this script's origin goes by that name.
  const Worker = new URL(import.meta.url).origin === location.origin ? globalThis.Worker : CrossOriginWorker;
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'virtlab-sim' });
  return new SimWorkerClient(worker as unknown as WorkerLike);
}

// The worker side of the protocol, free of worker globals so Node tests can
// drive it directly: runs scenarios in chunks of events, yields between
// chunks so a `cancel` can arrive, reports progress, transfers results.
import { partForKind, type Core, type CorePart } from './core.ts';
import { SimError } from './errors.ts';
import { SCENARIOS, SteppedRun } from './scenarios.ts';
import { DEFAULT_CHUNK_EVENTS, type FromWorker, type ToWorker, type WireError } from './worker-protocol.ts';

export interface WorkerHostOptions {
  /** Loads the core part that runs a scenario (once per part). */
  loadCore: (part: CorePart) => Promise<Core>;
  post: (message: FromWorker, transfer?: Transferable[]) => void;
  /** Lets queued messages (cancels) run between chunks. */
  yieldToEvents?: () => Promise<void>;
}

function toWire(err: unknown): WireError {
  const e = SimError.from(err);
  return { code: e.code, field: e.field, message: e.message };
}

/** A yield that is not clamped like nested setTimeout: a MessageChannel round trip. */
function defaultYield(): Promise<void> {
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(0);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createWorkerHost(opts: WorkerHostOptions): { onMessage: (msg: ToWorker) => Promise<void> } {
  const cancelled = new Set<number>();
  const live = new Set<number>();
  const yieldToEvents = opts.yieldToEvents ?? defaultYield;

  async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
    const { id } = msg;
    live.add(id);
    let stepped: SteppedRun | undefined;
    try {
      // An unknown name still gets a core; SteppedRun then names the field.
      const def = Object.hasOwn(SCENARIOS, msg.scenario) ? SCENARIOS[msg.scenario] : undefined;
      const core = await opts.loadCore(def ? partForKind(def.kind) : 'scenarios');
      if (cancelled.has(id)) return opts.post({ type: 'cancelled', id });
      stepped = new SteppedRun(core, msg.scenario, msg.input);
      const chunk = msg.chunkEvents ?? DEFAULT_CHUNK_EVENTS;
      for (;;) {
        const s = stepped.step(chunk);
        if (s.done) break;
        opts.post({ type: 'progress', id, progress: s.progress, events: s.events });
        await yieldToEvents();
        if (cancelled.has(id)) return opts.post({ type: 'cancelled', id });
      }
      const result = stepped.result();
      opts.post({ type: 'result', id, result }, [result.packed.buffer]);
    } catch (err) {
      opts.post({ type: 'error', id, error: toWire(err) });
    } finally {
      stepped?.free();
      live.delete(id);
      cancelled.delete(id);
    }
  }

  return {
    onMessage(msg: ToWorker): Promise<void> {
      if (msg.type === 'cancel') {
        if (live.has(msg.id)) cancelled.add(msg.id);
        return Promise.resolve();
      }
      return run(msg);
    },
  };
}

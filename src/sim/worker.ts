// The simulation Web Worker (a module worker): loads the core part a run
// needs, once, via loader.ts and serves the protocol of worker-protocol.ts. Start it with
// `createSimWorker()` from worker-client.ts.
import { loadCore } from './core.ts';
import { createWorkerHost } from './worker-host.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
const host = createWorkerHost({
  loadCore: (part) => loadCore(part),
  post: (message, transfer) => scope.postMessage(message, transfer ?? []),
});
scope.onmessage = (event) => {
  void host.onMessage(event.data);
};

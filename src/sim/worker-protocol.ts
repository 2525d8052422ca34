// Messages between the page (worker-client.ts) and the simulation worker
// (worker.ts → worker-host.ts). Plain data only, so structured clone carries
// them; result series travel as one transferred buffer.
import type { ScenarioInput, ScenarioName, ScenarioResult } from './scenarios.ts';

export type ToWorker =
  | { type: 'run'; id: number; scenario: ScenarioName; input: ScenarioInput; chunkEvents?: number }
  | { type: 'cancel'; id: number };

export interface WireError {
  code: number;
  field: string;
  message: string;
}

export type FromWorker =
  | { type: 'progress'; id: number; progress: number; events: number }
  | { type: 'result'; id: number; result: ScenarioResult }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'cancelled'; id: number };

/** Events per step between checks for cancellation (a few ms of work). */
export const DEFAULT_CHUNK_EVENTS = 20_000;

// How hard the fuzz properties push: 10,000 cases per entry point in the
// normal suite (`npm test`, CI), more with `npm run fuzz`, which sets
// VIRTLAB_FUZZ_RUNS. A failure prints fast-check's seed and path; replay it
// with VIRTLAB_FUZZ_SEED=<seed> VIRTLAB_FUZZ_PATH=<path> (README, Tests).
import type { Parameters } from 'fast-check';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number ≥ 1, got ${JSON.stringify(raw)}`);
  return n;
}

/** Cases per property (per entry point). */
export const RUNS = envInt('VIRTLAB_FUZZ_RUNS', 10_000);
const seedRaw = process.env.VIRTLAB_FUZZ_SEED;
/** A fixed seed replays a reported failure; otherwise fast-check picks one per property and prints it on failure. */
export const SEED = seedRaw ? Number(seedRaw) : undefined;
if (SEED !== undefined && !Number.isInteger(SEED))
  throw new Error(`VIRTLAB_FUZZ_SEED must be an integer, got ${JSON.stringify(seedRaw)}`);
const PATH = process.env.VIRTLAB_FUZZ_PATH || undefined;
if (process.env.VIRTLAB_FUZZ_RUNS) {
  // Long runs say what they do up front; a failure still prints its own seed and path.
  console.log(
    `fuzz: ${RUNS} cases per property${SEED === undefined ? ', a fresh seed per property' : `, seed ${SEED}`}${PATH ? `, path ${PATH}` : ''}`,
  );
}

/**
 * Guard against a hang, not a speed test: a property that is still running
 * after this long fails (as interrupted) instead of blocking CI for an hour.
 * Generous: about 20 ms per case on a loaded 2-core machine, at least 4 minutes.
 */
export const GUARD_MS = Math.max(240_000, RUNS * 20);
/** Vitest's own timeout for one property: the guard plus slack for reporting. */
export const TEST_TIMEOUT_MS = GUARD_MS + 60_000;

/** fast-check parameters: RUNS cases, the hang guard, and the replay seed/path when given. */
export function fuzzParams<T>(extra: Parameters<T> = {}): Parameters<T> {
  return {
    numRuns: RUNS,
    interruptAfterTimeLimit: GUARD_MS,
    markInterruptAsFailure: true,
    ...(SEED !== undefined ? { seed: SEED } : {}),
    ...(PATH !== undefined ? { path: PATH } : {}),
    ...extra,
  };
}

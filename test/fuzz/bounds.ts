// Bounds on the scenario parameters that set a run's size. A valid value
// outside [lo, hi] is pulled inside, so every fuzz case stays a few
// milliseconds; values outside the parameter's own range are kept (their
// rejection is cheap, and it is what the fuzzing is after).
export const SIZE_BOUNDS: Record<string, Record<string, [number, number]>> = {
  'traffic-spike': {
    durationS: [1, 1800],
    sampleS: [1, 3600],
    'autoscaler.evalIntervalS': [5, 3600],
    'autoscaler.minInstances': [0, 50],
    'autoscaler.maxInstances': [1, 200],
    hosts: [1, 100],
  },
  migration: {},
  'patch-day': {
    apps: [1, 500],
    hosts: [1, 50],
    maxUnavailable: [1, 500],
    maxHostsRebooting: [1, 50],
    sampleS: [10, 86400],
    instanceRestartS: [0, 600],
    hostRebootS: [0, 600],
  },
  datacenter: { hosts: [1, 20], vms: [1, 40], cloudlets: [1, 50], 'cloudlet.maxMI': [1, 1e6] },
  // A 1 ms quota and 100 s of work is 100,000 periods: keep fuzz cases to a few hundred.
  'cpu-throttle': { quotaMs: [10, 1e6], workMs: [0, 2000] },
};

/** `v` pulled into the size bounds of `scenario`'s parameter `name` when it is within [min, max]. */
export function boundSize(scenario: string, name: string, v: number, min: number, max: number): number {
  const b = SIZE_BOUNDS[scenario]?.[name];
  if (!b || !(v >= min && v <= max)) return v;
  return Math.min(Math.max(v, b[0]), b[1]);
}

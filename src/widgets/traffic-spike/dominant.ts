// Which term sets how fast the fleet reacts to a spike, in words for the
// caption: the autoscaler's control loop (how often it looks, how long it
// waits) against each profile's instance start, and the metrics sample,
// within which two starts cannot be told apart. Two profiles that both start
// within one sample (containers and Firecracker-alone microVMs, say) draw the
// same curve; the caption says so instead of leaving the reader to guess why.
import type { TrafficSpikeResult } from './model.ts';
import { secondsText } from './model.ts';
import type { TrafficSpikeValues } from './params.ts';

export interface DominantTerm {
  /** Nouns of the profiles whose start is shorter than the autoscaler's look interval plus its scale-up wait. */
  loopDominated: string[];
  /** Nouns of the profiles that are ready within one metrics sample of the decision (their curves coincide). */
  withinSample: string[];
  text: string;
}

export function dominantTerm(v: TrafficSpikeValues, r: TrafficSpikeResult): DominantTerm {
  const loopS = v.evalIntervalS + v.scaleUpDelayS;
  const loopDominated = r.profiles.filter((p) => p.instanceStartS < loopS).map((p) => p.noun);
  const withinSample = r.profiles.filter((p) => p.instanceStartS < v.sampleS).map((p) => p.noun);
  const starts = r.profiles.map((p) => `${p.noun} ${secondsText(p.instanceStartS)}`).join(', ');
  const wait = v.scaleUpDelayS > 0 ? ` and waits ${secondsText(v.scaleUpDelayS)} before scaling up` : '';
  const parts = [
    `The autoscaler looks at demand every ${secondsText(v.evalIntervalS)}${wait}, ${v.cooldownS > 0 ? `with at least ${secondsText(v.cooldownS)} between scaling actions` : 'with no cooldown between scaling actions'}; a new instance is then ready in: ${starts}.`,
  ];
  if (loopDominated.length)
    parts.push(`For ${list(loopDominated)}, the control loop takes longer than the start itself.`);
  if (withinSample.length > 1)
    parts.push(
      `${capital(list(withinSample))} are ready within one ${secondsText(v.sampleS)} metrics sample of the decision, so their curves coincide; the “Fast control loop” preset samples every 0.1 s so that their start times show.`,
    );
  return { loopDominated, withinSample, text: parts.join(' ') };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function list(xs: string[]): string {
  return xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

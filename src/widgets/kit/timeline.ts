// Playback state for time-based widgets: a frame index over a run's frames,
// with play, pause, step and seek. With reduced motion, play never animates:
// it jumps straight to the last frame.
import { batch, computed, signal, type ReadonlySignal } from '@preact/signals';

export interface TimelineClock {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface TimelineOptions {
  /** Number of frames of the current run (re-read on every step). */
  frames: ReadonlySignal<number>;
  /** Time between frames while playing. */
  frameMs?: number;
  /** Whether the reader asked for reduced motion (`prefersReducedMotion()`). */
  reducedMotion?: () => boolean;
  clock?: TimelineClock;
}

export interface Timeline {
  readonly frame: ReadonlySignal<number>;
  readonly playing: ReadonlySignal<boolean>;
  readonly last: ReadonlySignal<number>;
  play(): void;
  pause(): void;
  toggle(): void;
  /** Moves by `delta` frames (clamped), pausing playback. */
  step(delta: number): void;
  seek(frame: number): void;
  dispose(): void;
}

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function createTimeline(o: TimelineOptions): Timeline {
  const frame = signal(0);
  const playing = signal(false);
  const last = computed(() => Math.max(0, o.frames.value - 1));
  const clock: TimelineClock = o.clock ?? {
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
  };
  let timer: unknown = null;

  const clamp = (f: number): number => Math.min(last.value, Math.max(0, Math.round(f)));
  function stopTimer(): void {
    if (timer !== null) clock.clearInterval(timer);
    timer = null;
  }
  function pause(): void {
    stopTimer();
    playing.value = false;
  }
  function play(): void {
    if (playing.value) return;
    // Playing from the end restarts the run.
    if (frame.value >= last.value) frame.value = 0;
    if ((o.reducedMotion ?? prefersReducedMotion)()) {
      frame.value = last.value;
      return;
    }
    playing.value = true;
    timer = clock.setInterval(() => {
      if (frame.value >= last.value) pause();
      else frame.value = frame.value + 1;
    }, o.frameMs ?? 200);
  }
  return {
    frame,
    playing,
    last,
    play,
    pause,
    toggle: () => (playing.value ? pause() : play()),
    step(delta) {
      batch(() => {
        pause();
        frame.value = clamp(frame.value + delta);
      });
    },
    seek(f) {
      batch(() => {
        pause();
        frame.value = clamp(f);
      });
    },
    dispose: stopTimer,
  };
}

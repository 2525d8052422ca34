// Play, pause, step and a scrubber for a Timeline (see timeline.ts). All are
// native buttons and a range input, so the keyboard works as expected.
import { useEffect, useRef } from 'preact/hooks';
import { useEmbed } from './embed-context.ts';
import type { Timeline } from './timeline.ts';

export function TimelineControls({
  timeline,
  id,
  label,
  describeFrame,
}: {
  timeline: Timeline;
  id: string;
  label: string;
  describeFrame: (frame: number) => string;
}) {
  const frame = timeline.frame.value;
  const last = timeline.last.value;
  const playing = timeline.playing.value;
  // An embed with `paused=1`: nothing plays until the reader uses these controls.
  const embed = useEmbed();
  const touched = useRef(false);
  useEffect(() => {
    if (!embed?.paused) return undefined;
    return timeline.playing.subscribe((p) => {
      if (p && !touched.current) timeline.pause();
    });
  }, [timeline, embed]);
  const touch = (): void => {
    touched.current = true;
  };
  return (
    <fieldset class="vl-timeline" aria-label={label} onPointerDown={touch} onKeyDown={touch}>
      <button type="button" onClick={() => timeline.step(-1)} disabled={frame <= 0}>
        Step back
      </button>
      <button type="button" aria-pressed={playing} onClick={() => timeline.toggle()}>
        {playing ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => timeline.step(1)} disabled={frame >= last}>
        Step forward
      </button>
      <label class="vl-scrubber" for={`${id}-scrubber`}>
        <span>Position</span>
        <input
          id={`${id}-scrubber`}
          type="range"
          min={0}
          max={last}
          step={1}
          value={frame}
          aria-valuetext={describeFrame(frame)}
          onInput={(e) => timeline.seek(e.currentTarget.valueAsNumber)}
        />
      </label>
      <output for={`${id}-scrubber`}>{describeFrame(frame)}</output>
    </fieldset>
  );
}

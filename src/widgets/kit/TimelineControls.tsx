// Play, pause, step and a scrubber for a Timeline (see timeline.ts). All are
// native buttons and a range input, so the keyboard works as expected.
import type { Timeline } from './timeline.ts';

export function TimelineControls({ timeline, id, label, describeFrame }: { timeline: Timeline; id: string; label: string; describeFrame: (frame: number) => string }) {
  const frame = timeline.frame.value;
  const last = timeline.last.value;
  const playing = timeline.playing.value;
  return (
    <div class="vl-timeline" role="group" aria-label={label}>
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
    </div>
  );
}

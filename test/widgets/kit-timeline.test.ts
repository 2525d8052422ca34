import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { createTimeline, type TimelineClock } from '../../src/widgets/kit/timeline.ts';

function fakeClock() {
  let tick: (() => void) | null = null;
  const clock: TimelineClock = { setInterval: (fn) => (tick = fn), clearInterval: () => (tick = null) };
  return { clock, tick: () => tick?.(), running: () => tick !== null };
}

describe('timeline', () => {
  it('plays frame by frame and stops at the end', () => {
    const c = fakeClock();
    const t = createTimeline({ frames: signal(3), clock: c.clock, reducedMotion: () => false });
    t.play();
    expect(t.playing.value).toBe(true);
    c.tick();
    c.tick();
    expect(t.frame.value).toBe(2);
    c.tick();
    expect(t.playing.value).toBe(false);
    expect(c.running()).toBe(false);
  });

  it('steps and seeks within bounds, pausing playback', () => {
    const c = fakeClock();
    const t = createTimeline({ frames: signal(5), clock: c.clock, reducedMotion: () => false });
    t.play();
    t.step(1);
    expect(t.playing.value).toBe(false);
    expect(t.frame.value).toBe(1);
    t.step(-5);
    expect(t.frame.value).toBe(0);
    t.seek(99);
    expect(t.frame.value).toBe(4);
  });

  it('never animates with reduced motion: play jumps to the end', () => {
    const c = fakeClock();
    const t = createTimeline({ frames: signal(10), clock: c.clock, reducedMotion: () => true });
    t.play();
    expect(t.frame.value).toBe(9);
    expect(t.playing.value).toBe(false);
    expect(c.running()).toBe(false);
  });
});

describe('timeline controls', () => {
  it('renders native buttons and a scrubber that says where it is', async () => {
    const { render } = await import('preact-render-to-string');
    const { h } = await import('preact');
    const { TimelineControls } = await import('../../src/widgets/kit/TimelineControls.tsx');
    const t = createTimeline({ frames: signal(5), reducedMotion: () => true });
    t.seek(2);
    const html = render(
      h(TimelineControls, { timeline: t, id: 'x', label: 'Playback', describeFrame: (f: number) => `t = ${f * 10} s` }),
    );
    expect(html).toContain('<fieldset class="vl-timeline" aria-label="Playback"');
    expect(html).toMatch(/<button type="button"[^>]*>Step back<\/button>/);
    expect(html).toMatch(/<button type="button" aria-pressed="false"[^>]*>Play<\/button>/);
    expect(html).toMatch(/id="x-scrubber" type="range" min="0" max="4" step="1" value="2" aria-valuetext="t = 20 s"/);
  });
});

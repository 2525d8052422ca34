// Messages from the host page: only exact, known requests are carried out;
// everything else addressed to VirtLab gets an error naming the field, and
// other libraries' messages are ignored. Nothing throws.
import { describe, expect, it } from 'vitest';
import { ltiFrameResize, parseIncoming } from '../../src/embed/messages.ts';
import { iframeSnippet, scriptSnippet } from '../../src/embed/snippets.ts';
import type { ParamTable } from '../../src/widgets/kit/params.ts';

const params = [
  { name: 'memMiB', label: 'Memory', unit: 'MiB', default: 256, min: 1, max: 4096, step: 1, help: 'h', source: 's' },
  { name: 'on', label: 'On', unit: '', default: 0, min: 0, max: 1, step: 1, help: 'h', source: 's', kind: 'boolean' },
] as const satisfies ParamTable;
const spec = { params, presets: [{ id: 'big', values: { memMiB: 2048 } }] };

const error = (data: unknown, locked?: ReadonlySet<string>) => {
  const r = parseIncoming(data, spec, locked);
  if (r.kind !== 'error') throw new Error(`expected an error, got ${JSON.stringify(r)}`);
  return r;
};

describe('parseIncoming', () => {
  it('accepts set, get and reset, with an optional version and requestId', () => {
    expect(
      parseIncoming({ type: 'virtlab:set', version: 1, values: { memMiB: 64, on: 1 }, requestId: 'x' }, spec),
    ).toEqual({
      kind: 'ok',
      message: { type: 'virtlab:set', values: { memMiB: 64, on: 1 }, requestId: 'x' },
    });
    expect(parseIncoming({ type: 'virtlab:set', preset: 'big' }, spec)).toEqual({
      kind: 'ok',
      message: { type: 'virtlab:set', values: {}, preset: 'big' },
    });
    expect(parseIncoming({ type: 'virtlab:get', requestId: 3 }, spec)).toEqual({
      kind: 'ok',
      message: { type: 'virtlab:get', requestId: 3 },
    });
    expect(parseIncoming({ type: 'virtlab:reset' }, spec)).toEqual({ kind: 'ok', message: { type: 'virtlab:reset' } });
  });

  it('sets a parameter sent under its earlier name (a unit renamed) by its name now, and keeps it locked', () => {
    const renamed = { ...spec, params: params.map((p) => (p.name === 'memMiB' ? { ...p, formerly: ['memMB'] } : p)) };
    expect(parseIncoming({ type: 'virtlab:set', values: { memMB: 64 } }, renamed)).toEqual({
      kind: 'ok',
      message: { type: 'virtlab:set', values: { memMiB: 64 } },
    });
    const r = parseIncoming({ type: 'virtlab:set', values: { memMB: 64 } }, renamed, new Set(['memMiB']));
    expect(r.kind).toBe('error');
  });

  it('ignores messages of other protocols', () => {
    for (const data of [
      null,
      undefined,
      'hello',
      42,
      [],
      { subject: 'lti.frameResize' },
      { type: 'setHeight' },
      { type: 5 },
    ]) {
      expect(parseIncoming(data, spec)).toEqual({ kind: 'ignore' });
    }
  });

  it('answers every malformed VirtLab message with an error naming the field', () => {
    expect(error({ type: 'virtlab:nope' }).message).toMatch(
      /type "virtlab:nope" is unknown; an embed accepts virtlab:set, virtlab:get, virtlab:reset/,
    );
    expect(error({ type: 'virtlab:set', version: 2, values: {} }).message).toMatch(/version 2 is not supported/);
    expect(error({ type: 'virtlab:set' }).message).toMatch(/needs values/);
    expect(error({ type: 'virtlab:set', values: [1] }).message).toMatch(/values must be an object/);
    expect(error({ type: 'virtlab:set', values: { cpu: 1 } })).toMatchObject({
      param: 'cpu',
      message: expect.stringMatching(/values.cpu is not a parameter of this widget; it takes memMiB, on/),
    });
    expect(error({ type: 'virtlab:set', values: { memMiB: '64' } }).message).toMatch(
      /values.memMiB must be a number; got string/,
    );
    expect(error({ type: 'virtlab:set', values: { memMiB: 1e9 } }).message).toMatch(
      /Memory \(memMiB\) must be a number from 1 to 4096 MiB/,
    );
    expect(error({ type: 'virtlab:set', values: { on: 0.5 } }).message).toMatch(/On \(on\) must be on or off/);
    expect(error({ type: 'virtlab:set', values: { on: 'maybe' } }).message).toMatch(/must be on or off; got "maybe"/);
    expect(error({ type: 'virtlab:set', values: { memMiB: Number.NaN } }).message).toMatch(/memMiB/);
    expect(error({ type: 'virtlab:set', preset: 'tiny' }).message).toMatch(
      /preset "tiny" is not a preset of this widget; it takes one of big/,
    );
    expect(error({ type: 'virtlab:set', values: {}, extra: true }).message).toMatch(/does not take extra/);
    expect(error({ type: 'virtlab:get', requestId: {} }).message).toMatch(/requestId must be a string or a number/);
    expect(error({ type: 'virtlab:get', requestId: 9, values: {} })).toMatchObject({ requestId: 9 });
  });

  it('refuses to change a locked parameter, directly or by a preset', () => {
    const locked = new Set(['memMiB']);
    expect(error({ type: 'virtlab:set', values: { memMiB: 64 } }, locked).message).toMatch(/locks it/);
    expect(error({ type: 'virtlab:set', preset: 'big' }, locked).message).toMatch(
      /would change memMiB, which this embed locks/,
    );
    expect(parseIncoming({ type: 'virtlab:set', values: { on: 1 } }, spec, locked).kind).toBe('ok');
  });

  it('never throws, whatever arrives', () => {
    const odd = [
      Object.create(null),
      { type: 'virtlab:set', values: Object.create(null) },
      {
        type: 'virtlab:set',
        get values() {
          return { memMiB: 5 };
        },
      },
      new Proxy({}, {}),
    ];
    for (const data of odd) expect(() => parseIncoming(data, spec)).not.toThrow();
  });
});

describe('snippets', () => {
  const input = {
    spec: {
      id: 'demo',
      title: 'Demo & co',
      height: 640,
      params,
      presets: [{ id: 'big', label: 'Big', values: { memMiB: 2048 }, source: 's' }],
    },
    siteBase: 'https://example.org/v/',
    config: { preset: 'big', lock: ['on'], theme: 'dark' as const },
  };

  it('writes an iframe with an absolute, escaped src and a resize listener', () => {
    const html = iframeSnippet(input);
    expect(html).toContain('src="https://example.org/v/embed/demo/?preset=big&amp;lock=on&amp;theme=dark"');
    expect(html).toContain('title="Demo &amp; co (VirtLab)"');
    expect(html).toContain('height="640"');
    expect(html).toContain("d.type!=='virtlab:resize'");
    expect(iframeSnippet(input, false)).not.toContain('<script');
  });

  it('writes the script tag and an element with the same options as attributes', () => {
    expect(scriptSnippet(input)).toBe(
      '<script type="module" src="https://example.org/v/embed/virtlab.js"></script>\n<virtlab-demo preset="big" lock="on" theme="dark"></virtlab-demo>',
    );
  });

  it('posts heights in the LTI form', () => {
    expect(JSON.parse(ltiFrameResize(812))).toEqual({ subject: 'lti.frameResize', height: 812 });
  });
});

// The real .wasm parts, loaded in Node the way the site and the CLI load them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, wasmUrl } from '../../wasm-core/pkg/virtlab_core_placement.js';
import { wasmUrl as scenariosWasmUrl } from '../../wasm-core/pkg/virtlab_core_scenarios.js';
import { type CORE_PARTS, loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { ABI_VERSION, compileCore, loadCoreExports } from '../../src/sim/loader.ts';
import { SCENARIOS, SteppedRun, scenarioSpec, simulate } from '../../src/sim/scenarios.ts';
import { presets } from '../../src/sim/profiles.ts';

const bytes = readFileSync(wasmUrl);

describe('loader', () => {
  it('compiles each part once and hands every caller the same instance', async () => {
    const [a, b] = await Promise.all([compileCore('placement'), compileCore('placement')]);
    expect(a).toBeInstanceOf(WebAssembly.Module);
    expect(b).toBe(a);
    const [x, y] = await Promise.all([loadCoreExports('placement'), loadCoreExports('placement')]);
    expect(y).toBe(x);
    expect(x.vl_abi_version()).toBe(ABI_VERSION);
    expect(await loadCore()).toBe(await loadCore());
    expect(await loadCore('placement')).toBe(await loadCore(['placement']));
    // Different part sets share each part's one instance.
    const s1 = await loadCoreExports('scenarios');
    expect(await loadCoreExports('scenarios')).toBe(s1);
    expect(s1).not.toBe(x);
  });

  it('each part holds only its own exports, and says which part it is', async () => {
    const names = async (part: (typeof CORE_PARTS)[number]) =>
      WebAssembly.Module.exports(await compileCore(part)).map((e) => e.name);
    const placement = await names('placement');
    const scenarios = await names('scenarios');
    const datacenter = await names('datacenter');
    expect(placement).toContain('vl_place');
    expect(placement).not.toContain('vl_sim_create');
    expect(scenarios).toContain('vl_sim_create');
    expect(scenarios).not.toContain('vl_place');
    expect(scenarios).not.toContain('vl_host_fit');
    expect(datacenter).toContain('vl_sim_create');
    expect((await loadCoreExports('placement')).vl_parts()).toBe(1);
    expect((await loadCoreExports('scenarios')).vl_parts()).toBe(2);
    expect((await loadCoreExports('datacenter')).vl_parts() & 4).toBe(4);
  });

  it('resolves each .wasm beside its package module, not from a root path', () => {
    expect(wasmUrl.pathname.endsWith('/wasm-core/pkg/virtlab_core_placement_bg.wasm')).toBe(true);
    expect(scenariosWasmUrl.pathname.endsWith('/wasm-core/pkg/virtlab_core_scenarios_bg.wasm')).toBe(true);
  });

  it('streams a response served as application/wasm', async () => {
    const mod = await compile(new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
    expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toContain('vl_abi_version');
  });

  it('falls back to arrayBuffer when the server sends the wrong MIME type', async () => {
    const mod = await compile(new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } }));
    expect(WebAssembly.Module.exports(mod).map((e) => e.name)).toContain('vl_host_fit');
  });

  it('reports an HTTP failure with its status', async () => {
    await expect(compile(new Response('missing', { status: 404 }))).rejects.toThrow(/HTTP 404/);
  });

  it('accepts raw bytes and an already compiled module', async () => {
    const mod = await compile(bytes);
    expect(await compile(mod)).toBe(mod);
  });

  it('rejects an unknown part by name', async () => {
    await expect(loadCore('everything' as never)).rejects.toThrow(/unknown core part "everything"/);
    expect(() => compileCore('nope' as never)).toThrow(SimError);
  });
});

describe('a core with some parts', () => {
  it('names the missing part instead of failing obscurely', async () => {
    const placementOnly = await loadCore('placement');
    expect(() => simulate(placementOnly, 'traffic-spike')).toThrow(
      /without its scenarios part; load it with loadCore\('scenarios'\)/,
    );
    const scenariosOnly = await loadCore('scenarios');
    expect(() => presets(scenariosOnly)).toThrow(/without its placement part/);
    expect(() => simulate(scenariosOnly, 'datacenter')).toThrow(/without its datacenter part/);
  });

  it('runs the datacenter scenario in its own part, next to the others', async () => {
    const core = await loadCore(['scenarios', 'datacenter']);
    expect(simulate(core, 'datacenter').rows).toBeGreaterThan(0);
    expect(simulate(core, 'traffic-spike').rows).toBeGreaterThan(0);
  });

  it('keeps stepped runs of two parts apart', async () => {
    const core = await loadCore(['scenarios', 'datacenter']);
    const a = new SteppedRun(core, 'migration');
    const b = new SteppedRun(core, 'datacenter');
    while (!a.step(1000).done);
    while (!b.step(1000).done);
    expect(a.result().traceHash).toBe(simulate(core, 'migration').traceHash);
    expect(b.result().traceHash).toBe(simulate(core, 'datacenter').traceHash);
    a.free();
    b.free();
    expect(() => core.simStep(12345, 1)).toThrow(/handle 12345 does not refer to a live run/);
  });
});

describe('core through the ABI', () => {
  it('computes host fit with the same arithmetic as a direct calculation', async () => {
    const core = await loadCore('placement');
    for (const [host, reserve, app, overhead] of [
      [65536, 0, 256, 256],
      [65536, 2048, 100, 0],
      [1000, 10, 97, 13],
      [512, 0, 1024, 0],
    ]) {
      const r = core.hostFit({ hostMemMiB: host, hostReserveMiB: reserve, appMemMiB: app, overheadMiB: overhead });
      const apps = Math.floor((host - reserve) / (app + overhead));
      expect(r.apps).toBe(apps);
      expect(r.appMemMiB).toBe(apps * app);
      expect(r.overheadMemMiB).toBe(apps * overhead);
      expect(r.appMemMiB + r.overheadMemMiB + r.freeMemMiB).toBeCloseTo(host - reserve, 9);
    }
  });

  it('turns a core error into a SimError naming the field and the range', async () => {
    const core = await loadCore('placement');
    const call = () => core.hostFit({ hostMemMiB: 1024, hostReserveMiB: 0, appMemMiB: Number.NaN, overheadMiB: 0 });
    expect(call).toThrow(SimError);
    try {
      call();
    } catch (e) {
      const err = e as SimError;
      expect(err.field).toBe('appMemMiB');
      expect(err.codeName).toBe('OutOfRange');
      expect(err.message).toMatch(/^appMemMiB must be a number from 1 to \d+, got NaN$/);
    }
    // A failed call leaves the core usable.
    expect(core.hostFit({ hostMemMiB: 1024, hostReserveMiB: 0, appMemMiB: 512, overheadMiB: 0 }).apps).toBe(2);
  });

  it('writes numbers in messages exactly, with the wasm’s own formatter', async () => {
    const core = await loadCore('scenarios');
    // Straight into the ABI (the TypeScript wrappers check ranges themselves).
    const spec = scenarioSpec(core, 'migration');
    const i = spec.params.findIndex((p) => p.name === 'memMiB');
    // 0.1 + 0.2 needs 17 digits; 2.5e-7 and 1e21 are outside the plain-decimal range.
    for (const [v, shown] of [
      [-0.25, '-0.25'],
      [-(0.1 + 0.2), '-0.30000000000000004'],
      [-2.5e-7, '-2.5e-7'],
      [1e21, '1e21'],
      [-123456.789, '-123456.789'],
    ] as const) {
      const params = spec.params.map((p) => p.default);
      params[i] = v;
      let err: SimError | undefined;
      try {
        core.scenarioRun(SCENARIOS.migration.kind, params);
      } catch (e) {
        err = e as SimError;
      }
      expect(err?.field).toBe('memMiB');
      expect(err?.message).toBe(
        `memMiB must be a number from ${spec.params[i].min} to ${spec.params[i].max}, got ${shown}`,
      );
    }
  });
});

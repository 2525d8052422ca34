// The real .wasm, loaded in Node the way the site and the CLI load it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, wasmUrl } from '../../wasm-core/pkg/virtlab_core.js';
import { loadCore } from '../../src/sim/core.ts';
import { SimError } from '../../src/sim/errors.ts';
import { ABI_VERSION, compileCore, loadCoreExports } from '../../src/sim/loader.ts';

const bytes = readFileSync(wasmUrl);

describe('loader', () => {
  it('compiles the module once and hands every caller the same instance', async () => {
    const [a, b] = await Promise.all([compileCore(), compileCore()]);
    expect(a).toBeInstanceOf(WebAssembly.Module);
    expect(b).toBe(a);
    const [x, y] = await Promise.all([loadCoreExports(), loadCoreExports()]);
    expect(y).toBe(x);
    expect(x.vl_abi_version()).toBe(ABI_VERSION);
    expect(await loadCore()).toBe(await loadCore());
  });

  it('resolves the .wasm beside the package module, not from a root path', () => {
    expect(wasmUrl.pathname.endsWith('/wasm-core/pkg/virtlab_core_bg.wasm')).toBe(true);
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
});

describe('core through the ABI', () => {
  it('computes host fit with the same arithmetic as a direct calculation', async () => {
    const core = await loadCore();
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

  it('turns a core error into a SimError naming the field', async () => {
    const core = await loadCore();
    const call = () => core.hostFit({ hostMemMiB: 1024, hostReserveMiB: 0, appMemMiB: Number.NaN, overheadMiB: 0 });
    expect(call).toThrow(SimError);
    try {
      call();
    } catch (e) {
      const err = e as SimError;
      expect(err.field).toBe('appMemMiB');
      expect(err.codeName).toBe('OutOfRange');
      expect(err.message).toMatch(/appMemMiB must be a number from 1 to/);
    }
    // A failed call leaves the core usable.
    expect(core.hostFit({ hostMemMiB: 1024, hostReserveMiB: 0, appMemMiB: 512, overheadMiB: 0 }).apps).toBe(2);
  });
});

// The TypeScript error codes are the core's own (read through the ABI).
import { expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { ERROR_CODES, HOST_ERROR_CODES, SimError } from '../../src/sim/errors.ts';

it("ERROR_CODES equals the core's ErrorCode list (vl_error_codes), in every part", async () => {
  for (const part of ['placement', 'scenarios', 'datacenter'] as const) {
    const codes = (await loadCore(part)).errorCodes();
    expect(Object.keys(codes).length).toBeGreaterThan(0);
    expect(ERROR_CODES).toEqual(codes);
  }
});

it('no error code is 0 (the status of success), and codes raised only in TypeScript are apart from the core codes', () => {
  const core = Object.values(ERROR_CODES);
  const host = Object.values(HOST_ERROR_CODES);
  expect(core).not.toContain(0);
  expect(host).not.toContain(0);
  expect(Math.min(...host)).toBeGreaterThan(Math.max(...core));
  expect(SimError.loadFailed('wasm', 'x').codeName).toBe('LoadFailed');
  expect(SimError.from(new TypeError('boom'))).toMatchObject({ codeName: 'Internal', message: 'boom' });
  expect(SimError.outOfRange('a', 'm').withField('b')).toMatchObject({
    field: 'b',
    codeName: 'OutOfRange',
    message: 'm',
  });
});

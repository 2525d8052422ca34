// Islands get their build-time result as one JSON string (kit/island-data.ts):
// every widget's result at its defaults must survive that trip unchanged,
// or the island's first render would differ from the server's.
import { describe, expect, it } from 'vitest';
import { loadCore } from '../../src/sim/core.ts';
import { initialProps, readInitial } from '../../src/widgets/kit/island-data.ts';
import { defaults } from '../../src/widgets/kit/params.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';

const core = await loadCore();

describe('island data', () => {
  it.each(REGISTRY.map((e) => [e.id, e] as const))(
    "%s: the defaults' result round-trips through the JSON prop",
    (_id, entry) => {
      const result = entry.compute(core, defaults(entry.params));
      const props = initialProps(result);
      expect(typeof props.initialJson).toBe('string');
      expect(readInitial(props)).toStrictEqual(result);
    },
  );

  it('passes a result given directly (embeds) through untouched', () => {
    const result = { a: [1, 2] };
    expect(readInitial({ initial: result })).toBe(result);
  });

  it('would catch a value JSON cannot carry', () => {
    // The check above is meaningful: a non-finite number does not survive.
    expect(readInitial(initialProps({ x: Infinity }))).not.toStrictEqual({ x: Infinity });
  });
});

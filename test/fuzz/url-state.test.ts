// Fuzzing every widget's URL state (src/widgets/kit/url-state.ts over each
// parameter table in the registry): hostile links never throw; they give
// valid in-range values taken from the link, or the default with a short
// message naming the parameter; and what the widget writes back reads the
// same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkValue, defaults, parseValueText, rangeText, type Values } from '../../src/widgets/kit/params.ts';
import { readUrlState, writeUrlState } from '../../src/widgets/kit/url-state.ts';
import { REGISTRY } from '../../src/widgets/registry.ts';
import { fuzzParams, TEST_TIMEOUT_MS } from './fuzz-config.ts';
import { ensure } from './oracles.ts';
import { queryPairs, searchOf } from './url-inputs.ts';

/** Long enough for the value and the allowed range, short enough to read next to a control
 * (not counting the list of parameter names an embed's message ends with). */
const MAX_MESSAGE = 300;

describe('fuzz: widget URL state (src/widgets/kit/url-state.ts)', () => {
  for (const w of REGISTRY) {
    const others = REGISTRY.filter((o) => o.id !== w.id).map((o) => o.id);
    it(
      `${w.id}: a hostile link gives valid values from the link, or defaults with a message naming the parameter`,
      () => {
        fc.assert(
          fc.property(searchOf(queryPairs(w.id, w.params, others)), fc.boolean(), (search, plain) => {
            const state = readUrlState(w.id, w.params, search, { plain });
            const query = [...new URLSearchParams(search)];
            for (const [name, v] of Object.entries(state.values) as [string, number][]) {
              const p = w.params.find((q) => q.name === name);
              ensure(p !== undefined, `values has ${name}, not a parameter`);
              ensure(checkValue(p!, v) === null, `values.${name} = ${v} is invalid`);
              // Taken from the link, not invented: a plain decimal number, or a choice's name.
              const read = (raw: string): number => {
                const r = parseValueText(p!, raw);
                return 'value' in r ? r.value : Number.NaN;
              };
              ensure(
                query.some(([k, raw]) => (k === `${w.id}.${name}` || (plain && k === name)) && read(raw) === v),
                `values.${name} = ${v} is not in the link`,
              );
            }
            for (const issue of state.issues) {
              const range = issue.param === null ? '' : rangeText(w.params.find((q) => q.name === issue.param)!);
              ensure(issue.message.length > 0, 'an empty message');
              ensure(
                issue.message.replace(/ It takes .*$/, '').length - range.length <= MAX_MESSAGE,
                `a long message: ${issue.message.slice(0, 200)}`,
              );
              if (issue.param !== null) {
                ensure(
                  w.params.some((p) => p.name === issue.param),
                  `issue on ${issue.param}, not a parameter`,
                );
                ensure(
                  issue.message.includes(issue.param) && /using the default/.test(issue.message),
                  `message does not name ${issue.param} and the default: ${issue.message}`,
                );
              }
            }
            // Every rejected entry for a parameter is reported on that parameter.
            for (const [k, raw] of query) {
              const name = k.startsWith(`${w.id}.`) ? k.slice(w.id.length + 1) : plain ? k : null;
              const p = name === null ? undefined : w.params.find((q) => q.name === name);
              if (!p) continue;
              const r = parseValueText(p, raw);
              if (!('value' in r) || checkValue(p, r.value) !== null)
                ensure(
                  state.issues.some((i) => i.param === p.name),
                  `${k}=${raw.slice(0, 50)} rejected without a message`,
                );
            }
            // What the widget then writes reads back the same, with no issues.
            const values = { ...defaults(w.params), ...state.values } as Values;
            const written = writeUrlState(w.id, w.params, values, search);
            const again = readUrlState(w.id, w.params, written);
            expect(again.issues.filter((i) => i.param !== null)).toEqual([]);
            // (-0 reads as 0: the same number to every reader.)
            const plus0 = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, (v as number) + 0]));
            expect(plus0({ ...defaults(w.params), ...again.values })).toEqual(plus0(values));
          }),
          fuzzParams(),
        );
      },
      TEST_TIMEOUT_MS,
    );
  }
});

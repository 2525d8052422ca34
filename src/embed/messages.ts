// The embed's message schema (version 1), documented for teachers in
// content/reference/embedding.mdx. Outgoing messages go to the host page by
// postMessage (iframes) or as DOM events (<virtlab-…> elements); incoming
// ones are validated here and never throw: a bad message gets an `error`
// message back.
import { describeValue } from '../sim/errors.ts';
import {
  checkValue,
  paramNamed,
  parseValueText,
  quoteText,
  type ParamTable,
  type Values,
} from '../widgets/kit/params.ts';

export const VERSION = 1;

interface Base {
  /** Always 1 for this schema; a later incompatible schema gets a new number. */
  version: typeof VERSION;
  /** The widget id, e.g. "one-host". */
  widget: string;
}

export interface ReadyMessage extends Base {
  type: 'virtlab:ready';
  values: Values;
  preset: string | null;
  hide: string[];
  lock: string[];
  theme: string;
  paused: boolean;
}

export interface ResultMessage extends Base {
  type: 'virtlab:result';
  /** The widget's summary in words, as the reader sees it. */
  summary: string;
  /** The settings that produced this result. */
  values: Values;
  /** Key numbers of the result (per widget; see the reference page). */
  numbers: Record<string, number>;
}

export interface StateMessage extends Base {
  type: 'virtlab:state';
  requestId?: string | number;
  status: string;
  summary: string;
  values: Values;
  numbers: Record<string, number>;
}

export interface ErrorMessage extends Base {
  type: 'virtlab:error';
  /** In words, naming the parameter or field at fault and what it allows. */
  message: string;
  /** The parameter concerned, when there is one. */
  param?: string;
  /** Where the problem came from: the embed's URL or attributes, a message from the host page, or the simulation. */
  source: 'config' | 'message' | 'widget';
  requestId?: string | number;
}

export interface ResizeMessage extends Base {
  type: 'virtlab:resize';
  /** Content height in CSS pixels. */
  height: number;
  width: number;
}

export type OutgoingMessage = ReadyMessage | ResultMessage | StateMessage | ErrorMessage | ResizeMessage;

/** `set`: change parameters (and/or apply a preset first). All-or-nothing. */
export interface SetRequest {
  type: 'virtlab:set';
  values: Partial<Values>;
  preset?: string;
  requestId?: string | number;
}
export interface GetRequest {
  type: 'virtlab:get';
  requestId?: string | number;
}
export interface ResetRequest {
  type: 'virtlab:reset';
  requestId?: string | number;
}
export type IncomingMessage = SetRequest | GetRequest | ResetRequest;

export const INCOMING_TYPES = ['virtlab:set', 'virtlab:get', 'virtlab:reset'] as const;

export interface SpecForMessages {
  params: ParamTable;
  presets: readonly { id: string; values: Partial<Values> }[];
}

export type Parsed =
  | { kind: 'ok'; message: IncomingMessage }
  /** Not addressed to VirtLab (another library's message): ignored without a reply. */
  | { kind: 'ignore' }
  | { kind: 'error'; message: string; param?: string; requestId?: string | number };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Validates a message from the host page. Messages whose `type` does not
 * start with "virtlab:" belong to other protocols and are ignored; anything
 * else that is not exactly right is an error naming the field at fault.
 */
export function parseIncoming(data: unknown, spec: SpecForMessages, locked: ReadonlySet<string> = new Set()): Parsed {
  if (!isRecord(data) || typeof data.type !== 'string' || !data.type.startsWith('virtlab:')) return { kind: 'ignore' };
  const rid = data.requestId;
  let requestId: string | number | undefined;
  if (rid !== undefined) {
    if (typeof rid === 'string' || (typeof rid === 'number' && Number.isFinite(rid))) requestId = rid;
    else return { kind: 'error', message: 'requestId must be a string or a number.' };
  }
  const fail = (message: string, param?: string): Parsed => ({
    kind: 'error',
    message,
    ...(param ? { param } : {}),
    ...(requestId !== undefined ? { requestId } : {}),
  });
  if (data.version !== undefined && data.version !== VERSION) {
    return fail(`version ${describeValue(data.version)} is not supported; this embed speaks version ${VERSION}.`);
  }
  if (!(INCOMING_TYPES as readonly string[]).includes(data.type)) {
    return fail(`type "${quoteText(data.type)}" is unknown; an embed accepts ${INCOMING_TYPES.join(', ')}.`);
  }
  const known = new Set(['type', 'version', 'requestId', ...(data.type === 'virtlab:set' ? ['values', 'preset'] : [])]);
  const extra = Object.keys(data).filter((k) => !known.has(k));
  if (extra.length)
    return fail(`${data.type} does not take ${extra.map(quoteText).join(', ')}; it takes ${[...known].join(', ')}.`);

  if (data.type === 'virtlab:get')
    return { kind: 'ok', message: { type: 'virtlab:get', ...(requestId !== undefined ? { requestId } : {}) } };
  if (data.type === 'virtlab:reset')
    return { kind: 'ok', message: { type: 'virtlab:reset', ...(requestId !== undefined ? { requestId } : {}) } };

  // virtlab:set
  let preset: string | undefined;
  if (data.preset !== undefined) {
    if (typeof data.preset !== 'string') return fail('preset must be a string (a preset id).');
    const p = spec.presets.find((q) => q.id === data.preset);
    if (!p)
      return fail(
        `preset "${quoteText(data.preset)}" is not a preset of this widget; it takes one of ${spec.presets.map((q) => q.id).join(', ') || '(none)'}.`,
      );
    const blocked = Object.entries(p.values).find(([k]) => locked.has(k));
    if (blocked) return fail(`preset "${data.preset}" would change ${blocked[0]}, which this embed locks.`, blocked[0]);
    preset = p.id;
  }
  if (data.values === undefined && preset === undefined)
    return fail('virtlab:set needs values (an object of parameter names to numbers) or a preset.');
  const values: Partial<Values> = {};
  if (data.values !== undefined) {
    if (!isRecord(data.values)) return fail('values must be an object of parameter names to numbers.');
    for (const [given, v] of Object.entries(data.values)) {
      const p = paramNamed(spec.params, given);
      if (!p)
        return fail(
          `values.${quoteText(given)} is not a parameter of this widget; it takes ${spec.params.map((q) => q.name).join(', ')}.`,
          given,
        );
      // An earlier name (a unit renamed) sets the parameter under its name now.
      const name = p.name;
      if (locked.has(name)) return fail(`values.${name} cannot be changed: this embed locks it.`, name);
      // A choice or a switch may also be sent by name ('best-fit', 'on'), as links write it.
      const named = typeof v === 'string' && (p.kind === 'select' || p.kind === 'boolean');
      if (typeof v !== 'number' && !named)
        return fail(`values.${name} must be a number; got ${v === null ? 'null' : typeof v}.`, name);
      const parsed = named ? parseValueText(p, v as string) : { value: v as number };
      if ('problem' in parsed) return fail(`${parsed.problem}; got "${quoteText(v as string)}".`, name);
      const problem = checkValue(p, parsed.value);
      if (problem) return fail(problem, name);
      values[name] = parsed.value;
    }
  }
  return {
    kind: 'ok',
    message: {
      type: 'virtlab:set',
      values,
      ...(preset ? { preset } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    },
  };
}

/** The height message of the LTI convention (Canvas, Moodle, Sakai, D2L wrappers), as a JSON string: the form every listener parses. */
export function ltiFrameResize(height: number): string {
  return JSON.stringify({ subject: 'lti.frameResize', height });
}

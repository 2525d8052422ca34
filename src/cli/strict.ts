// Strict shape checks for the CLI's JSON documents: every object lists its
// fields, so a key the command does not know (a typo such as
// `allocatable.cpuu`, or `__proto__`) is rejected at any depth with its path,
// and a value of the wrong JSON type (`null` where a number belongs) is an
// error, not a silent default. Only types are checked here; ranges and
// cross-field rules stay with the code that knows them (src/sim/), whose
// messages name the same paths.
//
// A shape is plain data, so a command declares its whole document once:
//
//   const HOST = obj({ cpuMillis: NUMBER, memMiB: NUMBER, diskMiB: NUMBER, reserve: obj({ ... }) });
//   checkShape(doc, obj({ hosts: arr(HOST) }, { required: ['hosts'] }), '');
import { describeValue, SimError } from '../sim/errors.ts';

export type Shape =
  | { readonly kind: 'number' | 'string' | 'boolean' | 'any' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | {
      readonly kind: 'object';
      readonly fields: Readonly<Record<string, Shape>>;
      readonly required: readonly string[];
    }
  /** An object whose keys the user chooses (resource names, parameter overrides). */
  | { readonly kind: 'record'; readonly values: Shape; readonly keys?: RegExp }
  | { readonly kind: 'array'; readonly items: Shape }
  | { readonly kind: 'tuple'; readonly items: readonly Shape[] }
  /** One of several shapes of different JSON types (an array or an object, a string or an object). */
  | { readonly kind: 'union'; readonly options: readonly Shape[] };

export const NUMBER: Shape = { kind: 'number' };
export const STRING: Shape = { kind: 'string' };
export const BOOLEAN: Shape = { kind: 'boolean' };
/** Anything JSON; for fields checked in full elsewhere (e.g. `$schema`). */
export const ANY: Shape = { kind: 'any' };

export function oneOf(values: readonly string[]): Shape {
  return { kind: 'enum', values };
}
export function obj(fields: Record<string, Shape>, opts: { required?: readonly string[] } = {}): Shape {
  return { kind: 'object', fields, required: opts.required ?? [] };
}
export function record(values: Shape, keys?: RegExp): Shape {
  return { kind: 'record', values, keys };
}
export function arr(items: Shape): Shape {
  return { kind: 'array', items };
}
export function tuple(...items: Shape[]): Shape {
  return { kind: 'tuple', items };
}
export function union(...options: Shape[]): Shape {
  return { kind: 'union', options };
}

/** A JSON object (what `JSON.parse` makes of `{...}`): not null, an array or a typed array. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `v` as an object, or a SimError naming `field`. */
export function requireObject(v: unknown, field: string): Record<string, unknown> {
  if (!isPlainObject(v)) throw SimError.outOfRange(field || 'input', `${field || 'the input'} must be a JSON object`);
  return v;
}

/** The JSON type of a value, as messages say it. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isPlainObject(v)) return 'an object';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'true or false';
  return typeof v;
}

function describeShape(s: Shape): string {
  switch (s.kind) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'any':
      return 'any value';
    case 'enum':
      return `one of ${s.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'object':
    case 'record':
      return 'an object';
    case 'array':
    case 'tuple':
      return s.kind === 'tuple' ? `an array of ${s.items.length}` : 'an array';
    case 'union':
      return s.options.map(describeShape).join(' or ');
  }
}

function matchesType(s: Shape, v: unknown): boolean {
  switch (s.kind) {
    case 'number':
      return typeof v === 'number';
    case 'string':
    case 'enum':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'any':
      return true;
    case 'object':
    case 'record':
      return isPlainObject(v);
    case 'array':
    case 'tuple':
      return Array.isArray(v);
    case 'union':
      return s.options.some((o) => matchesType(o, v));
  }
}

function at(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function fail(path: string, message: string): never {
  throw SimError.outOfRange(path || 'input', message);
}

/**
 * Checks `value` against `shape`; throws a SimError (code 1, OutOfRange)
 * whose field is the path from the document's root, e.g.
 * `nodes[3].allocatable.cpuu`. `path` is the path of `value` ('' = root).
 */
export function checkShape(value: unknown, shape: Shape, path = ''): void {
  const name = path || 'the input';
  if (!matchesType(shape, value))
    fail(
      path,
      `${name} must be ${describeShape(shape)}, got ${typeof value === 'object' && value !== null ? `${jsonType(value)} (${describeValue(value)})` : describeValue(value)}`,
    );
  switch (shape.kind) {
    case 'enum':
      if (!shape.values.includes(value as string))
        fail(path, `${name} must be ${describeShape(shape)}, got ${describeValue(value)}`);
      return;
    case 'object': {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        // hasOwn: `constructor`, `toString` or `__proto__` are not fields just because every object has them.
        if (!Object.hasOwn(shape.fields, k))
          fail(
            at(path, k),
            `${at(path, k)} is not a known field${path ? ` of ${path}` : ''} (known: ${Object.keys(shape.fields).join(', ')})`,
          );
        checkShape(o[k], shape.fields[k], at(path, k));
      }
      for (const k of shape.required) if (!Object.hasOwn(o, k)) fail(at(path, k), `${at(path, k)} is required`);
      return;
    }
    case 'record': {
      const o = value as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        if (k === '__proto__' || (shape.keys && !shape.keys.test(k)))
          fail(at(path, k), `${at(path, k)} is not an accepted name in ${name}`);
        checkShape(o[k], shape.values, at(path, k));
      }
      return;
    }
    case 'array':
      (value as unknown[]).forEach((item, i) => {
        checkShape(item, shape.items, `${path}[${i}]`);
      });
      return;
    case 'tuple': {
      const a = value as unknown[];
      if (a.length !== shape.items.length)
        fail(path, `${name} must be ${describeShape(shape)}, got ${a.length} (${describeValue(a)})`);
      a.forEach((item, i) => {
        checkShape(item, shape.items[i], `${path}[${i}]`);
      });
      return;
    }
    case 'union': {
      // Options differ in JSON type, so the first whose type matches is the one meant.
      const o = shape.options.find((s) => matchesType(s, value)) as Shape;
      checkShape(value, o, path);
      return;
    }
    default:
      return;
  }
}

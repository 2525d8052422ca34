// Shared CLI plumbing: JSON input parsing with errors that name the field,
// CSV output.
import { SimError } from '../sim/errors.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SimError(1, what, `the ${what} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function requireObject(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new SimError(1, field, `${field} must be a JSON object`);
  return v as Record<string, unknown>;
}

export function rejectUnknown(obj: Record<string, unknown>, allowed: string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) throw new SimError(1, where ? `${where}.${k}` : k, `${where ? `${where}.` : ''}${k} is not a known field (allowed: ${allowed.join(', ')})`);
  }
}

export function formatOf(args: string[]): 'json' | 'csv' {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const f = a === '--format' ? args[i + 1] : a.startsWith('--format=') ? a.slice(9) : undefined;
    if (a === '--format' || a.startsWith('--format=')) {
      if (f !== 'json' && f !== 'csv') throw new SimError(1, 'format', `--format must be json or csv, got ${String(f)}`);
      return f;
    }
  }
  return 'json';
}

function cell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  // A bare CR ends a row in spreadsheets too, so it is quoted like LF.
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

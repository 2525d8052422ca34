import type { Server } from 'node:http';
export declare const MIME: Record<string, string>;
export interface HeadersRule {
  pattern: string;
  re: RegExp;
  headers: [string, string][];
}
export declare function parseHeadersFile(text: string): HeadersRule[];
export declare function headersFor(rules: HeadersRule[], pathname: string): Record<string, string>;
export declare function serve(opts?: {
  dir?: string;
  port?: number;
  base?: string;
  headers?: Record<string, string>;
  /** Apply DIR/_headers (default true). */
  headersFile?: boolean;
}): Promise<{ server: Server; url: string }>;

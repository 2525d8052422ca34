import type { Server } from 'node:http';
export declare const MIME: Record<string, string>;
export declare function serve(opts?: {
  dir?: string;
  port?: number;
  base?: string;
  headers?: Record<string, string>;
}): Promise<{ server: Server; url: string }>;

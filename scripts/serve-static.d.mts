import type { Server } from 'node:http';

export interface StaticServer {
  server: Server;
  port: number;
  /** e.g. http://127.0.0.1:3000 (no trailing slash) */
  url: string;
  close(): Promise<void>;
}

export function startStaticServer(options?: {
  /** defaults to the repository's out/ */
  dir?: string;
  /** defaults to 3000; 0 picks a free port */
  port?: number;
  /** defaults to 127.0.0.1 */
  host?: string;
  /** don't print the URL */
  quiet?: boolean;
}): Promise<StaticServer>;

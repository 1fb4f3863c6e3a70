/** Types of demo/server.mjs, for the browser tests that start it. */
export interface RunningServer {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

export function startServer(options?: {
  port?: number;
  generated?: Record<string, string>;
}): Promise<RunningServer>;

/** Types of harness.mjs, for the tests that run the examples against the sources. */

/** The stand-in for the page that an example writes to and takes its timers from. */
export interface ExampleIO {
  readonly lines: ReadonlyArray<{ at: number; text: string }>;
  readonly delays: readonly number[];
  readonly scale: number;
  log(text: unknown): void;
  setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): unknown;
  sleep(ms: number): Promise<void>;
}

/** One example of a seed document. */
export interface Example {
  title: string;
  run($: unknown, io: ExampleIO): unknown;
  expected: string[] | ((io: ExampleIO) => string[]);
}

/** What running an example produced. */
export interface ExampleOutcome {
  lines: ReadonlyArray<{ at: number; text: string }>;
  actual: string[];
  expected: string[];
  ok: boolean;
  duration: number;
}

export function show(value: unknown): string;
export function runExample(
  example: Example,
  $: unknown,
  options?: { scale?: number },
): Promise<ExampleOutcome>;

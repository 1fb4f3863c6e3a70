/** Types for the workload tables, for the smoke test in test/bench/. */
export const SIZES: { full: Record<string, number>; quick: Record<string, number> };
export const CALLBACK_FLAGS: string[];
export const METRICS: {
  id: string;
  title: string;
  unit: string;
  memory?: boolean;
  needs?: string;
}[];
export const CALLBACK_VARIANTS: string[];
export const JOBS: {
  id: string;
  metrics: string[];
  needs?: string;
  gc?: boolean;
  skip?: Record<string, string>;
}[];
export function callbacksJob(jobId: string): { flags: string; unrelated: boolean } | undefined;
export function unrelatedFunctions(
  count: number,
  counter: { calls: number },
): ((value: number) => number)[];
export function relatedFunctions(count: number, counter: { calls: number }): (() => void)[];

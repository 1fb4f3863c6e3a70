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
export const JOBS: { id: string; metrics: string[]; needs?: string; gc?: boolean }[];

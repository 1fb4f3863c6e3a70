/** Types for the benchmark harness entry point, for the smoke test in test/bench/. */
export interface MetricStats {
  median: number;
  min: number;
  max: number;
  samples: number[];
  timesBetterThanJquery4: number | null;
  ratioToNative: number | null;
}
export interface MetricFailure {
  failure: string;
}
/** A contender the job does not run (JOBS' `skip`), with the reason. */
export interface MetricSkipped {
  skipped: string;
}
export interface MetricResult {
  id: string;
  title: string;
  unit: string;
  memory?: boolean;
  needs?: string;
  results: Record<string, MetricStats | MetricFailure | MetricSkipped>;
}
export interface SizeResult {
  minified?: number;
  gzipped?: number;
  absent?: string;
}
export interface BenchResults {
  generatedAt: string;
  machine: string;
  commit: string;
  quick: boolean;
  rounds: number;
  sizes: Record<string, number>;
  durationSeconds: number;
  contenders: { name: string; label: string }[];
  metrics: MetricResult[];
  size: Record<string, SizeResult>;
}
export interface BenchOptions {
  sizes?: Record<string, number>;
  quick?: boolean;
  rounds?: number;
  contenders?: string[];
  jobs?: string[];
  libraryPath?: string;
  concurrency?: number;
  write?: boolean;
  log?: (line: string) => void;
}
export const ROOT: string;
export function machineLine(): string;
export function runBench(options?: BenchOptions): Promise<BenchResults>;
export function snapshotLibrary(entry: string): string;
export function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]>;
export function formatted(text: string, parser: string): Promise<string>;
export function gitDescribe(): string;
export function selected(names: string[], id: string): boolean;
export function instructionResults(): import("./instructions.mjs").InstructionResults | undefined;

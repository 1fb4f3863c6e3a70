/** Types for the instruction-count benchmark, for the smoke test in test/bench/. */
import type { InstructionSizes } from "./instruction-workloads.mjs";
export interface InstructionEntry {
  perUnit?: number;
  instructions?: [number, number];
  timesFewerThanJquery4?: number | null;
  ratioToNative?: number | null;
  skipped?: string;
  failure?: string;
}
export interface InstructionResults {
  generatedAt: string;
  machine: string;
  commit: string;
  command: string;
  rounds: [number, number];
  sizes: InstructionSizes;
  durationSeconds: number;
  contenders: { name: string; label: string }[];
  workloads: {
    id: string;
    title: string;
    unit: string;
    unitsPerRound: number;
    results: Record<string, InstructionEntry>;
  }[];
}
export type CountInstructions = (
  contender: string,
  workloadId: string,
  rounds: number,
  workerOptions: { jqDeferredPath: string; sizes: InstructionSizes },
) => Promise<number>;
export interface InstructionBenchOptions {
  sizes?: InstructionSizes;
  rounds?: [number, number];
  contenders?: string[];
  workloads?: string[];
  libraryPath?: string;
  concurrency?: number;
  write?: boolean;
  complete?: boolean;
  command?: string;
  count?: CountInstructions;
  log?: (line: string) => void;
}
export const NODE_FLAGS: string[];
export const DEFAULT_ROUNDS: [number, number];
export const COMMAND: string;
export function valgrindVersion(): string;
export const countInstructions: CountInstructions;
export function runInstructionBench(options?: InstructionBenchOptions): Promise<InstructionResults>;
export function instructionsReport(
  results: InstructionResults,
  options: { document: boolean },
): string;

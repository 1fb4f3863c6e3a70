/** Types for the report module, for the smoke test in test/bench/. */
import type { InstructionResults } from "./instructions.mjs";
import type { BenchResults } from "./run.mjs";
export function markdownReport(
  results: BenchResults,
  options: { document: boolean; instructions?: InstructionResults },
): string;
export function svgChart(results: BenchResults): string;
export function evaluateTargets(
  results: BenchResults,
  instructions?: InstructionResults,
): { target: string; measured: string; met: boolean }[];
export function formatNumber(value: number | null | undefined): string;
export function formatTimes(value: number | null): string;
export function formatRatio(value: number | null): string;
export function table(header: string[], rows: string[][]): string;

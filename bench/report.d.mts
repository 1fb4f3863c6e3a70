/** Types for the report module, for the smoke test in test/bench/. */
import type { BenchResults } from "./run.mjs";
export function markdownReport(results: BenchResults, options: { document: boolean }): string;
export function svgChart(results: BenchResults): string;
export function evaluateTargets(
  results: BenchResults,
): { target: string; measured: string; met: boolean }[];

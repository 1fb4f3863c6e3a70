/** Types for the report module, for the smoke test in test/bench/. */
import type { BenchResults } from "./run.mjs";
export function markdownReport(results: BenchResults, options: { document: boolean }): string;
export function svgChart(results: BenchResults): string;
export function evaluateTargets(
  results: BenchResults,
): { target: string; measured: string; met: boolean }[];
export function formatNumber(value: number | null | undefined): string;
export function formatTimes(value: number | null): string;
export function formatRatio(value: number | null): string;
export function table(header: string[], rows: string[][]): string;

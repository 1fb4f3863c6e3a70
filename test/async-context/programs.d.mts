/** Types for programs.mjs, for the tests in this folder. */
import type * as library from "../../src/index.js";

/** The package under test: src/index.ts in the tests, dist/ in scripts/check-async-context.mjs. */
export type Library = typeof library;

export interface ProgramApi {
  name: string;
  deferred(): {
    promise: PromiseLike<unknown>;
    resolve(value?: unknown): void;
    reject(reason?: unknown): void;
  };
  all(values: unknown[]): PromiseLike<unknown>;
  one(value: unknown): PromiseLike<unknown>;
  pipe(promise: PromiseLike<unknown>, onDone?: unknown, onFail?: unknown): PromiseLike<unknown>;
}

export interface ProgramTools {
  api: ProgramApi;
  lib: Library;
  als: import("node:async_hooks").AsyncLocalStorage<string>;
  record(label: string): void;
}

export type Program = (tools: ProgramTools) => PromiseLike<unknown>[];

export const nativeApi: ProgramApi;
export function jqApi(lib: Library): ProgramApi;
export const PROGRAMS: Record<string, Program>;
export const SYNCHRONOUS_CALLBACKS: { program: Program; expected: string[] };
export function traceOf(program: Program, api: ProgramApi, lib: Library): Promise<string[]>;
export function differencesFromNative(
  lib: Library,
): Promise<{ name: string; native: string[]; ours: string[] }[]>;

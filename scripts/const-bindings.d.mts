/** Types for scripts/const-bindings.mjs, for the build (tsup.config.ts) and its test. */
export interface ConstBindingsResult {
  /** The rewritten code. */
  code: string;
  /** The top-level names now declared with `const`, in the order of the code. */
  converted: string[];
}
export function constBindings(code: string, options: { functions: boolean }): ConstBindingsResult;

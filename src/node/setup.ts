/**
 * What every Node entry point loads first (built as `dist/node-async-context.cjs`, see
 * tsup.config.ts): turns async context on with Node's source, so that then/catch/pipe handlers run
 * in the async context that was current when they were registered, as native promise handlers do
 * (docs/async-context.md). It does so when loaded, rather than leaving the call to the generated
 * wrappers, so that Node loads one file for it instead of two.
 */
import { useAsyncContext } from "../core/index.js";
import { nodeAsyncContext } from "./async-context.js";

export { nodeAsyncContext };

useAsyncContext(nodeAsyncContext);

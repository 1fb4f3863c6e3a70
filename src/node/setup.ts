/**
 * What every Node entry point runs first: turns async context on with Node's source, so that
 * then/catch/pipe handlers run in the async context that was current when they were registered, as
 * native promise handlers do (docs/async-context.md). Built on its own as
 * `dist/node-async-context.cjs`, whose code tsup.config.ts then writes into each Node entry point
 * (a file of its own cost every entry one more file to load); the core makes sure only the first
 * entry loaded turns it on.
 */
import { offerPlatformAsyncContext } from "../core/index.js";
import { nodeAsyncContext } from "./async-context.js";

offerPlatformAsyncContext(nodeAsyncContext);

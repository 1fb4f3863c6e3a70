/**
 * jq-deferred: jQuery's Deferred, Callbacks and when, as a standalone, typed library.
 *
 * @example
 * import { Deferred, when } from "jq-deferred";
 * // or, so jQuery-era code reads as it did:
 * import * as $ from "jq-deferred";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 *
 * @packageDocumentation
 * @module jq-deferred
 */
export * from "./api.js";

import * as api from "./api.js";

/**
 * The whole API as one object, for `import $ from "jq-deferred"` (a jQuery-era habit): the named
 * exports, nothing else. A bundler drops it when it is not imported.
 *
 * @example
 * import $ from "jq-deferred";
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 */
export default api;

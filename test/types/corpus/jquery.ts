/**
 * The `$` of the corpus: a jQuery object as the bridge types it after `installAjax($)`,
 * in a program without @types/jquery (test/types/side-by-side.test.ts swaps this file for one
 * whose `$` is @types/jquery's, to compare the same snippets).
 */
import "../../../src/bridge/install.js";

export declare const $: JQueryStatic;

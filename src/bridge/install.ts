/**
 * `install(jQuery, options?)`: the jQuery bridge.
 *
 * jQuery 4's slim build ships without `Deferred`, `Callbacks`, `when` and the ajax family. This
 * module puts jq-deferred's implementations onto a jQuery object so code written for full jQuery
 * runs unchanged on slim. Every member is decided on its own: a missing one is installed; one that
 * jQuery already has (full jQuery) is kept unless `override: true` is passed, and the result says
 * which were installed and which were kept, so nothing is replaced silently.
 *
 * The ajax family is not here: `installAjax` (entry `jq-deferred/jquery/ajax`, src/bridge/ajax.ts)
 * installs it, so an application that only wants Deferred on jQuery slim ships no ajax code
 * (scripts/size.mjs measures both).
 *
 * The collection method `$.fn.promise()` is installed only where it can be exact: full jQuery
 * resolves it when the collection's animation queues are empty, and a jQuery without the queue
 * module (slim) can never have anything queued, so there it resolves at once with the collection,
 * exactly as full jQuery does for a collection with nothing queued. Where `$.fn.queue` exists we
 * leave `$.fn.promise` alone, because it must observe queues we do not own.
 *
 * @module jq-deferred/jquery
 */
import { Callbacks, Deferred, type DeferredPromise, describe, when } from "../core/index.js";
export type { JQueryDeferredAjaxOptions, JQueryDeferredStatic } from "./jquery-types.js";
import { place } from "./place.js";

/**
 * Options of {@link install} (and of `installAjax`).
 *
 * @example
 * install(jQueryFull, { override: true }); // replace full jQuery's own Deferred, when, Callbacks
 */
export interface InstallOptions {
  /**
   * Replace members jQuery already has (full jQuery's own `Deferred`, `ajax`, …). Default false:
   * existing members are kept and listed in {@link InstallResult.kept}.
   */
  override?: boolean;
}

/**
 * What {@link install} did, member by member (`"fn.promise"` names the collection method).
 *
 * @example
 * const { installed, kept } = install(jQuery);
 * if (kept.length) console.info(`jQuery's own ${kept.join(", ")} left in place`);
 */
export interface InstallResult {
  /** Members that now come from jq-deferred (including ones an earlier `install` had put there). */
  installed: string[];
  /** Members jQuery already had and that were left in place (pass `override: true` to replace). */
  kept: string[];
}

/**
 * The part of a jQuery object the bridge touches: the function itself and its prototype `fn`.
 * jQuery 4 (full or slim, from a script tag, `jquery/slim` or a factory) has this shape.
 *
 * @example
 * import $ from "jquery/slim";
 * const jQueryObject: JQueryLike = $;
 */
export interface JQueryLike {
  (...args: never[]): unknown;
  /** `jQuery.fn`, the prototype of collections, where `$.fn.promise` is installed. */
  fn: object;
}

const CORE_MEMBERS = { Deferred, when, Callbacks } as const;

/**
 * Installs jq-deferred's `Deferred`, `when` and `Callbacks` onto a jQuery object, plus
 * `$.fn.promise()` where jQuery has no animation queues. The ajax family is installed by
 * `installAjax` from `jq-deferred/jquery/ajax`.
 *
 * @example
 * import $ from "jquery/slim";
 * import { install } from "jq-deferred/jquery";
 * install($);
 * $.when($.Deferred().resolve(1), 2).done((a, b) => console.log(a + b)); // 3
 *
 * @example
 * // Over full jQuery, replacing its own implementations needs an explicit opt-in:
 * install(jQuery, { override: true }); // { installed: ["Deferred", "when", "Callbacks"], kept: [] }
 */
export function install(jQuery: JQueryLike, options: InstallOptions = {}): InstallResult {
  if (typeof jQuery !== "function" || typeof jQuery.fn !== "object" || jQuery.fn === null) {
    throw new TypeError(
      `install(jQuery): expected the jQuery function (with a jQuery.fn object), got ${describe(jQuery)}`,
    );
  }
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `install(jQuery, options): options must be an object, got ${describe(options)}`,
    );
  }
  // `{ ajax: true }` installed ajax before it moved to its own entry point; fail loudly rather
  // than leave a program without the $.ajax it asked for.
  const { ajax: ajaxOption } = options as { ajax?: unknown };
  if (ajaxOption !== undefined && ajaxOption !== false) {
    throw new TypeError(
      'install(jQuery, options): options.ajax is not supported; to install ajax, import { installAjax } from "jq-deferred/jquery/ajax" and call installAjax(jQuery)',
    );
  }
  const override = options.override === true;
  const result: InstallResult = { installed: [], kept: [] };
  const host = jQuery as unknown as Record<string, unknown>;
  for (const [name, implementation] of Object.entries(CORE_MEMBERS)) {
    place(host, name, name, implementation, override, result);
  }
  const fn = jQuery.fn as Record<string, unknown>;
  if (typeof fn.queue !== "function") {
    place(fn, "promise", "fn.promise", collectionPromise, override, result);
  }
  return result;
}

/**
 * `$.fn.promise([type], [target])` for a jQuery without queues: nothing can be pending on any
 * element, so the promise resolves at once with the collection as both context and value, and is
 * attached to `target` when one is given (the `type` argument names a queue and is irrelevant here).
 */
function collectionPromise(
  this: object,
  type?: unknown,
  target?: object,
): DeferredPromise<[unknown]> {
  const onto = typeof type === "string" || type === undefined ? target : (type as object);
  const deferred = Deferred<[unknown]>().resolveWith(this, [this]);
  return onto === undefined || onto === null ? deferred.promise() : deferred.promise(onto);
}

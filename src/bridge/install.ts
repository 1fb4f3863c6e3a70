/**
 * `install(jQuery, options?)`: the jQuery bridge.
 *
 * jQuery 4's slim build ships without `Deferred`, `Callbacks`, `when` and the ajax family. This
 * module puts jq-deferred's implementations onto a jQuery object so code written for full jQuery
 * runs unchanged on slim. Every member is decided on its own: a missing one is installed; one that
 * jQuery already has (full jQuery) is kept unless `override: true` is passed, and the result says
 * which were installed and which were kept, so nothing is replaced silently.
 *
 * The collection method `$.fn.promise()` is installed only where it can be exact: full jQuery
 * resolves it when the collection's animation queues are empty, and a jQuery without the queue
 * module (slim) can never have anything queued, so there it resolves at once with the collection,
 * exactly as full jQuery does for a collection with nothing queued. Where `$.fn.queue` exists we
 * leave `$.fn.promise` alone, because it must observe queues we do not own.
 */
import { ajax, ajaxPrefilter, ajaxSetup, get, getJSON, post } from "../ajax/index.js";
import { Callbacks } from "../core/callbacks.js";
import { Deferred } from "../core/deferred.js";
import { describe } from "../core/invoke.js";
import type { DeferredPromise } from "../core/types.js";
import { when } from "../core/when.js";
export type { JQueryDeferredAjaxOptions, JQueryDeferredStatic } from "./jquery-types.js";

/**
 * Options of {@link install}.
 *
 * @example
 * install(jQuerySlim, { ajax: true }); // also $.ajax, $.get, $.post, …
 * install(jQueryFull, { override: true }); // replace full jQuery's own Deferred, when, Callbacks
 */
export interface InstallOptions {
  /** Also install `ajax`, `get`, `post`, `getJSON`, `ajaxSetup` and `ajaxPrefilter`. Default false. */
  ajax?: boolean;
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
const AJAX_MEMBERS = { ajax, get, post, getJSON, ajaxSetup, ajaxPrefilter } as const;

/**
 * Installs jq-deferred's `Deferred`, `when` and `Callbacks` (and, with `{ ajax: true }`, the ajax
 * family) onto a jQuery object, plus `$.fn.promise()` where jQuery has no animation queues.
 *
 * @example
 * import $ from "jquery/slim";
 * import { install } from "jq-deferred/jquery";
 * install($, { ajax: true });
 * $.when($.ajax("/page1"), $.ajax("/page2")).done((a1, a2) => console.log(a1[0] + a2[0]));
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
  const override = options.override === true;
  const result: InstallResult = { installed: [], kept: [] };
  const members: Record<string, unknown> = options.ajax
    ? { ...CORE_MEMBERS, ...AJAX_MEMBERS }
    : { ...CORE_MEMBERS };
  const host = jQuery as unknown as Record<string, unknown>;
  for (const [name, implementation] of Object.entries(members)) {
    place(host, name, name, implementation, override, result);
  }
  const fn = jQuery.fn as Record<string, unknown>;
  if (typeof fn.queue !== "function") {
    place(fn, "promise", "fn.promise", collectionPromise, override, result);
  }
  return result;
}

/** Puts one member on `host` unless it already has another one and `override` is off. */
function place(
  host: Record<string, unknown>,
  key: string,
  name: string,
  implementation: unknown,
  override: boolean,
  result: InstallResult,
): void {
  const existing = host[key];
  if (existing !== undefined && existing !== implementation && !override) {
    result.kept.push(name);
    return;
  }
  host[key] = implementation;
  result.installed.push(name);
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

/**
 * `installAjax(jQuery, options?)`: the ajax family onto jQuery 4 slim, from its own entry point
 * (`jq-deferred/jquery/ajax`), so that `install()` alone carries no ajax code.
 *
 * It installs what full jQuery's ajax module adds: `$.ajax`, `$.get`, `$.post`, `$.getJSON`,
 * `$.getScript`, `$.ajaxSetup`, `$.ajaxPrefilter`, `$.ajaxTransport`, the live
 * `$.ajaxSettings`, `$.active`, `$._evalUrl` (so inserted HTML's external scripts run),
 * `$.fn.load` and the `$(document).ajaxStart(fn)`-style shorthands, and it routes the ajax
 * core's global events into jQuery's event system: on the request's `context` element when it
 * has one (bubbling up to `document`), else on `document`, exactly where jQuery triggers them.
 * Like `install()`, it keeps members jQuery already has unless `override: true` is given, and
 * reports which were installed and which kept.
 *
 * @module jq-deferred/jquery/ajax
 */
import { ajax, get, getJSON, getScript, post } from "../ajax/core/ajax.js";
import { ajaxPrefilter, ajaxSetup, ajaxTransport } from "../ajax/core/settings.js";
import { type AjaxEventName, ajaxEvents, routeAjaxEvents } from "../ajax/events/global-events.js";
import { createEvalUrl } from "./eval-url.js";
import { install, type InstallOptions, type InstallResult, type JQueryLike } from "./install.js";
import { createLoad } from "./load.js";
import { place, placeGetter } from "./place.js";

const AJAX_MEMBERS = {
  ajax,
  get,
  post,
  getJSON,
  getScript,
  ajaxSetup,
  ajaxPrefilter,
  ajaxTransport,
} as const;

const EVENT_NAMES: readonly AjaxEventName[] = [
  "ajaxStart",
  "ajaxStop",
  "ajaxComplete",
  "ajaxError",
  "ajaxSuccess",
  "ajaxSend",
];

/** What the router needs of jQuery: `jQuery(element).trigger` and `jQuery.event.trigger`. */
interface EventHost {
  (element: object): { trigger(name: string, args: readonly unknown[]): unknown };
  event?: { trigger?(name: string, args: readonly unknown[]): unknown };
}

/**
 * Installs jq-deferred's ajax onto a jQuery object (and, first, what {@link install} installs:
 * the ajax family's promises are jq-deferred's Deferreds).
 *
 * @example
 * import $ from "jquery/slim";
 * import { installAjax } from "jq-deferred/jquery/ajax";
 * installAjax($);
 * $(document).ajaxError((event, jqXHR, settings, errorThrown) => report(settings.url, errorThrown));
 * $.when($.ajax("/page1"), $.ajax("/page2")).done((a1, a2) => console.log(a1[0] + a2[0]));
 * $("#news").load("/news.html #latest");
 */
export function installAjax(jQuery: JQueryLike, options: InstallOptions = {}): InstallResult {
  const result = install(jQuery, options);
  const override = options.override === true;
  const host = jQuery as unknown as Record<string, unknown>;
  for (const [name, implementation] of Object.entries(AJAX_MEMBERS)) {
    place(host, name, name, implementation, override, result);
  }
  // jQuery's ajaxSettings and active are plain properties; ours read the ajax core's live state,
  // so they are getters (ajaxReset() and every request change what they return).
  placeGetter(host, "ajaxSettings", readAjaxSettings, override, result);
  placeGetter(host, "active", readActive, override, result);

  place(
    host,
    "_evalUrl",
    "_evalUrl",
    perJQuery(EVAL_URLS, jQuery, createEvalUrl),
    override,
    result,
  );
  const fn = jQuery.fn as Record<string, unknown>;
  place(fn, "load", "fn.load", perJQuery(LOADS, jQuery, createLoad), override, result);
  const shorthandsByName = eventShorthands();
  for (const name of EVENT_NAMES) {
    place(fn, name, `fn.${name}`, shorthandsByName[name], override, result);
  }
  // Events are routed only when ours is the ajax that runs: full jQuery's own ajax triggers them.
  if (host.ajax === ajax) routeAjaxEvents(routerFor(jQuery as unknown as EventHost));
  return result;
}

/**
 * One `$.fn.load` and one `_evalUrl` per jQuery object (each calls that jQuery's own `ajax`), so
 * that installing again finds its own and keeps nothing.
 */
const LOADS = new WeakMap<JQueryLike, unknown>();
const EVAL_URLS = new WeakMap<JQueryLike, unknown>();

function perJQuery(
  cache: WeakMap<JQueryLike, unknown>,
  jQuery: JQueryLike,
  create: (host: never) => unknown,
): unknown {
  let member = cache.get(jQuery);
  if (member === undefined) {
    member = create(jQuery as never);
    cache.set(jQuery, member);
  }
  return member;
}

/**
 * `$.fn.ajaxStart(handler)` and its five siblings: `.on(name, handler)`, as jQuery defines them.
 * Made by the first install, the same functions for every later one; not at load time, where a
 * bundle of the core alone could not drop the calls that make them.
 */
let shorthands: Record<AjaxEventName, unknown> | undefined;

function eventShorthands(): Record<AjaxEventName, unknown> {
  return (shorthands ??= Object.fromEntries(
    EVENT_NAMES.map((name) => [
      name,
      function (this: { on(name: string, handler: unknown): unknown }, handler: unknown) {
        return this.on(name, handler);
      },
    ]),
  ) as Record<AjaxEventName, unknown>);
}

/**
 * Triggers each global event where jQuery does: on the context element (a DOM node or a jQuery
 * collection) when the request has one, else through `jQuery.event.trigger`, i.e. on `document`.
 */
function routerFor(jQuery: EventHost) {
  return (name: AjaxEventName, args: readonly unknown[], target: object | undefined): void => {
    if (target !== undefined) {
      jQuery(target).trigger(name, args);
      return;
    }
    const trigger = jQuery.event?.trigger;
    if (typeof trigger !== "function") {
      throw new TypeError(
        `installAjax(jQuery): cannot trigger ${name}: jQuery.event.trigger is not a function`,
      );
    }
    trigger.call(jQuery.event, name, args);
  };
}

/** The getters of `$.ajaxSettings` and `$.active`: one function each, so a reinstall finds its own. */
const readAjaxSettings = () => ajaxSetup();
const readActive = () => ajaxEvents.active;

/**
 * jQuery's global ajax events: `ajaxStart` when the first request of a batch starts, `ajaxSend`
 * before each is sent, `ajaxSuccess`/`ajaxError` and `ajaxComplete` as each ends, `ajaxStop` when
 * none is left in flight. Requests with `global: false` take no part (and do not count).
 *
 * Standalone, `ajaxEvents.on(name, handler)` subscribes. Installed onto jQuery, the bridge sets a
 * router with {@link routeAjaxEvents} so the events go through jQuery's event system (handlers
 * bound with `$(document).on("ajaxError", …)` or `$(document).ajaxError(…)`); the standalone
 * handlers are called in both cases.
 */
import type { JqXHR } from "../types/jqxhr.js";
import type { PreparedAjaxSettings } from "../types/options.js";

/**
 * The arguments each global event passes after the event object, as in jQuery.
 *
 * @example
 * const logError = (...[jqXHR, settings, errorThrown]: AjaxEventArguments["ajaxError"]) =>
 *   console.error(settings.url, jqXHR.status, errorThrown);
 */
export interface AjaxEventArguments {
  /** The first global request of a batch passed its prefilters. */
  ajaxStart: [];
  /** A request is about to be sent (after `beforeSend`). */
  ajaxSend: [jqXHR: JqXHR<unknown>, settings: PreparedAjaxSettings];
  /** A request succeeded, after its success callbacks; `data` is the converted response. */
  ajaxSuccess: [jqXHR: JqXHR<unknown>, settings: PreparedAjaxSettings, data: unknown];
  /** A request failed, after its error callbacks; `errorThrown` is jQuery's value. */
  ajaxError: [jqXHR: JqXHR<unknown>, settings: PreparedAjaxSettings, errorThrown: unknown];
  /** A request completed, after its complete callbacks. */
  ajaxComplete: [jqXHR: JqXHR<unknown>, settings: PreparedAjaxSettings];
  /** The last global request in flight completed. */
  ajaxStop: [];
}

/**
 * The name of a global ajax event.
 *
 * @example
 * const names: AjaxEventName[] = ["ajaxStart", "ajaxStop"];
 */
export type AjaxEventName = keyof AjaxEventArguments;

/**
 * The first argument of a standalone handler, standing in for jQuery's event object.
 *
 * @example
 * ajaxEvents.on("ajaxComplete", (event: AjaxEvent) => console.log(event.type, event.target));
 */
export interface AjaxEvent {
  /** The event's name. */
  readonly type: AjaxEventName;
  /**
   * The element jQuery would trigger the event on: the request's `context` when it is a DOM node
   * or a jQuery object, else `undefined` (jQuery then triggers on the document).
   */
  readonly target: object | undefined;
}

/**
 * A standalone handler: the event, then jQuery's arguments for that event.
 *
 * @example
 * const onSend: AjaxEventHandler<"ajaxSend"> = (event, jqXHR, settings) =>
 *   console.log("sending", settings.url);
 */
export type AjaxEventHandler<Name extends AjaxEventName> = (
  event: AjaxEvent,
  ...args: AjaxEventArguments[Name]
) => void;

/**
 * Where the bridge sends the events: called once per event, after the standalone handlers, with
 * the name, jQuery's argument list and the element to trigger on (`undefined`: the document, via
 * `jQuery.event.trigger(name, args)`). An exception it throws is reported like one from a handler.
 *
 * @example
 * routeAjaxEvents((name, args, target) =>
 *   target === undefined
 *     ? jQuery.event.trigger(name, args)
 *     : jQuery(target).trigger(name, args),
 * );
 */
export type AjaxEventRouter = <Name extends AjaxEventName>(
  name: Name,
  args: AjaxEventArguments[Name],
  target: object | undefined,
) => void;

type AnyHandler = (event: AjaxEvent, ...args: readonly unknown[]) => void;

const handlers = new Map<AjaxEventName, AnyHandler[]>();
let router: AjaxEventRouter | undefined;
let active = 0;

const EVENT_NAMES: readonly string[] = [
  "ajaxStart",
  "ajaxSend",
  "ajaxSuccess",
  "ajaxError",
  "ajaxComplete",
  "ajaxStop",
];

function checkName(method: string, name: unknown): AjaxEventName {
  if (typeof name !== "string" || !EVENT_NAMES.includes(name)) {
    throw new TypeError(
      `ajaxEvents.${method}(name, handler): name must be one of ${EVENT_NAMES.join(", ")}, got ${typeof name === "string" ? JSON.stringify(name) : typeof name}`,
    );
  }
  return name as AjaxEventName;
}

/**
 * The global ajax events without jQuery: subscribe, unsubscribe, and the count of requests in
 * flight (jQuery's `jQuery.active`).
 *
 * @example
 * ajaxEvents.on("ajaxStart", () => spinner.show());
 * ajaxEvents.on("ajaxStop", () => spinner.hide());
 * ajaxEvents.on("ajaxError", (event, jqXHR, settings, errorThrown) => {
 *   if (errorThrown !== "abort") report(settings.url, jqXHR.status);
 * });
 */
export const ajaxEvents = {
  /**
   * Calls `handler(event, ...args)` each time the event fires (in subscription order; the same
   * handler subscribed twice runs twice, as with jQuery's `on`). Returns a function that
   * unsubscribes it.
   *
   * @example
   * const stop = ajaxEvents.on("ajaxSend", (event, jqXHR, settings) => console.log(settings.url));
   * stop();
   */
  on<Name extends AjaxEventName>(name: Name, handler: AjaxEventHandler<Name>): () => void {
    const checked = checkName("on", name);
    if (typeof handler !== "function") {
      throw new TypeError(
        `ajaxEvents.on(name, handler): handler must be a function, got ${typeof handler}`,
      );
    }
    const list = handlers.get(checked) ?? [];
    handlers.set(checked, list);
    list.push(handler as AnyHandler);
    return () => {
      const index = list.indexOf(handler as AnyHandler);
      if (index !== -1) list.splice(index, 1);
    };
  },

  /**
   * Unsubscribes `handler` (its last subscription) from the event, or every handler of the event
   * when `handler` is omitted.
   *
   * @example
   * ajaxEvents.off("ajaxStart");
   */
  off<Name extends AjaxEventName>(name: Name, handler?: AjaxEventHandler<Name>): void {
    const checked = checkName("off", name);
    const list = handlers.get(checked);
    if (!list) return;
    if (handler === undefined) {
      list.length = 0;
      return;
    }
    const index = list.lastIndexOf(handler as AnyHandler);
    if (index !== -1) list.splice(index, 1);
  },

  /**
   * The number of requests in flight that take part in global events (jQuery's `jQuery.active`):
   * counted from `ajaxStart`/`ajaxSend` time until their `ajaxComplete`.
   *
   * @example
   * window.addEventListener("beforeunload", (event) => {
   *   if (ajaxEvents.active > 0) event.preventDefault();
   * });
   */
  get active(): number {
    return active;
  },
};

/**
 * Sets the router every global event is also sent to (the jQuery bridge's hook), or removes it
 * with `undefined`. Returns the router it replaces.
 *
 * @example
 * const previous = routeAjaxEvents((name, args, target) => jQuery.event.trigger(name, args));
 * routeAjaxEvents(previous); // undo
 */
export function routeAjaxEvents(next: AjaxEventRouter | undefined): AjaxEventRouter | undefined {
  if (next !== undefined && typeof next !== "function") {
    throw new TypeError(
      `routeAjaxEvents(router): router must be a function or undefined, got ${typeof next}`,
    );
  }
  const previous = router;
  router = next;
  return previous;
}

/**
 * Fires `name` to the standalone handlers, then to the router. Every handler runs even if one
 * throws; the exceptions are pushed to `errors` for the caller to report.
 */
export function emitAjaxEvent<Name extends AjaxEventName>(
  name: Name,
  args: AjaxEventArguments[Name],
  target: object | undefined,
  errors: unknown[],
): void {
  const event: AjaxEvent = { type: name, target };
  for (const handler of handlers.get(name)?.slice() ?? []) {
    try {
      handler(event, ...args);
    } catch (thrown) {
      errors.push(thrown);
    }
  }
  if (router) {
    try {
      router(name, args, target);
    } catch (thrown) {
      errors.push(thrown);
    }
  }
}

/** A request that fires global events started: the first one of a batch fires `ajaxStart`. */
export function requestStarted(errors: unknown[]): void {
  if (active++ === 0) emitAjaxEvent("ajaxStart", [], undefined, errors);
}

/** Such a request completed: the last one in flight fires `ajaxStop`. */
export function requestStopped(errors: unknown[]): void {
  if (--active === 0) emitAjaxEvent("ajaxStop", [], undefined, errors);
}

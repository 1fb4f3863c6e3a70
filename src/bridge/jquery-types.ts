/**
 * The bridge's types: what `$` looks like after `install($)` and `installAjax($)`, declared on the
 * global `JQueryStatic` interface, the type of `$` and `jQuery`. Importing `jq-deferred/jquery`
 * (or `jq-deferred/jquery/ajax`, which imports it) brings these declarations in.
 *
 * - **Without @types/jquery**, `JQueryStatic` gets jq-deferred's own `Deferred`, `when` and
 *   `Callbacks`, and the ajax family `installAjax` adds (`ajax`, `get`, `post`, `getJSON`,
 *   `getScript`, `ajaxSetup`, `ajaxPrefilter`, `ajaxTransport`, `ajaxSettings`, `active`), typed
 *   exactly as the package's exports (untyped values are `any`, typed ones precise). Type the
 *   jQuery object with it: `declare const $: JQueryStatic` for a script-tag jQuery, or
 *   `const $ = jQuerySlim as unknown as JQueryStatic` for the untyped `jquery` package.
 * - **With @types/jquery**, its own declarations of those members stay: TypeScript lets no
 *   declaration change the type of a member another declaration gave, and they describe the same
 *   jQuery API (since `errorThrown` is jQuery's string here too, `fail((jqXHR, textStatus,
 *   errorThrown) => …)` matches what runs). This module adds what jq-deferred has beyond jQuery:
 *   `jqXHR.ajaxError` and the options `baseUrl`, `fetch`, `signal`, `credentials` and `retry`
 *   (honoured when the bridge installed jq-deferred's ajax).
 *
 * Both cases are told apart through `JQuery.DeferredStatic`, which has members only when
 * @types/jquery is loaded (this module declares it empty, so the name always exists).
 */
import type { ajax, get, getJSON, getScript, post } from "../ajax/core/ajax.js";
import type { ajaxPrefilter, ajaxSetup, ajaxTransport } from "../ajax/core/settings.js";
import type { AjaxError } from "../ajax/errors/ajax-error.js";
import type { AjaxSettings } from "../ajax/types/options.js";
import type { Callbacks, DeferredFactory, when } from "../core/index.js";
import type { JQueryLike } from "./install.js";

/** Whether @types/jquery is part of the program (its `DeferredStatic` then has members). */
type HasJQueryTypes = keyof JQuery.DeferredStatic extends never ? false : true;

/**
 * This copy of the declarations' key in the global `JQueryDeferredCopies`. A program can load two
 * copies: the package's ES module and CommonJS declarations (an ESM file and a `.cts` file both
 * importing it), or two versions. Two copies of the global declarations below would declare the
 * same members with types from different files, which TypeScript rejects (TS2717, TS2320); so
 * with more than one copy, each declares them as `unknown` (identical, hence accepted) and `$`
 * keeps only what @types/jquery says of it.
 */
declare const declarationCopy: unique symbol;

/** Whether this is the only copy of these declarations in the program. */
type IsOnlyCopy = [keyof JQueryDeferredCopies] extends [typeof declarationCopy] ? true : false;

/** `T` when this is the only copy of the declarations, else `unknown` (see above). */
type OnlyCopy<T> = IsOnlyCopy extends true ? T : unknown;

/**
 * A member of jq-deferred's `$`: `Ours` without @types/jquery; `unknown` with it, which lets
 * @types/jquery's own declaration of the member stand (an interface member may narrow an
 * inherited one).
 */
type BridgeMember<Ours> = HasJQueryTypes extends true ? unknown : OnlyCopy<Ours>;

/**
 * The members `install()` puts on a jQuery object, and the ajax family `installAjax()` adds, as
 * they are typed on `JQueryStatic`, with the shape both need ({@link JQueryLike}), so that a `$`
 * typed `JQueryStatic` can be passed to them. With @types/jquery loaded, @types/jquery's
 * declarations of these members are the ones in effect (see the module's comment).
 *
 * @example
 * import { installAjax } from "jq-deferred/jquery/ajax";
 * declare const $: JQueryStatic;
 * installAjax($);
 * $.when($.ajax("/page1"), $.ajax("/page2")).done((a1, a2) => console.log(a1[0] + a2[0]));
 */
export interface JQueryDeferredStatic extends JQueryLike {
  /** jq-deferred's {@link DeferredFactory}. */
  Deferred: BridgeMember<DeferredFactory>;
  /** jq-deferred's `when`. */
  when: BridgeMember<typeof when>;
  /** jq-deferred's `Callbacks`. */
  Callbacks: BridgeMember<typeof Callbacks>;
  /** jq-deferred's `ajax` (after `installAjax($)`). */
  ajax: BridgeMember<typeof ajax>;
  /** jq-deferred's `get` (after `installAjax($)`). */
  get: BridgeMember<typeof get>;
  /** jq-deferred's `post` (after `installAjax($)`). */
  post: BridgeMember<typeof post>;
  /** jq-deferred's `getJSON` (after `installAjax($)`). */
  getJSON: BridgeMember<typeof getJSON>;
  /** jq-deferred's `ajaxSetup` (after `installAjax($)`). */
  ajaxSetup: BridgeMember<typeof ajaxSetup>;
  /** jq-deferred's `ajaxPrefilter` (after `installAjax($)`). */
  ajaxPrefilter: BridgeMember<typeof ajaxPrefilter>;
  /** jq-deferred's `getScript` (after `installAjax($)`). */
  getScript: BridgeMember<typeof getScript>;
  /** jq-deferred's `ajaxTransport` (after `installAjax($)`). */
  ajaxTransport: BridgeMember<typeof ajaxTransport>;
  /** The live ajax defaults, as `ajaxSetup()` returns them (after `installAjax($)`). */
  readonly ajaxSettings: BridgeMember<AjaxSettings>;
  /** The number of requests in flight that fire global events (after `installAjax($)`). */
  readonly active: number;
}

/**
 * The options jq-deferred's ajax has beyond jQuery's (`baseUrl`, `fetch`, `signal`,
 * `credentials`, `retry`; see {@link AjaxSettings}), added to @types/jquery's ajax settings when
 * it is loaded. They are honoured where the bridge installed jq-deferred's ajax.
 *
 * @example
 * /// <reference types="jquery" />
 * $.ajax({ url: "/api", baseUrl: "http://127.0.0.1:8080/", retry: 2 });
 */
export type JQueryDeferredAjaxOptions = Pick<
  AjaxSettings,
  IsOnlyCopy extends true ? "baseUrl" | "fetch" | "signal" | "credentials" | "retry" : never
>;

/* eslint-disable @typescript-eslint/no-namespace, @typescript-eslint/no-empty-object-type,
   @typescript-eslint/no-unused-vars -- declaration merging with @types/jquery's global namespace
   needs its namespace, its exact type parameters (used or not) and member-less interfaces */
declare global {
  /** The type of `$` and `jQuery`: with the bridge's members (see {@link JQueryDeferredStatic}). */
  interface JQueryStatic extends JQueryDeferredStatic {}

  /** One key per copy of jq-deferred's bridge declarations in the program (see `IsOnlyCopy`). */
  interface JQueryDeferredCopies {
    readonly [declarationCopy]: true;
  }

  // These merge with @types/jquery's declarations of the same names, and must repeat their type
  // parameters exactly; without @types/jquery they declare only what is written here.
  namespace JQuery {
    /** Empty here: @types/jquery's members, when it is loaded (see `HasJQueryTypes`). */
    interface DeferredStatic {}

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- @types/jquery's own default
    interface jqXHR<TResolve = any> {
      /** jq-deferred's typed error of a failed request (see `JqXHR.ajaxError`). */
      ajaxError: OnlyCopy<AjaxError | undefined>;
    }

    namespace Ajax {
      /** jq-deferred's options beyond jQuery's (see {@link JQueryDeferredAjaxOptions}). */
      interface AjaxSettingsBase<TContext> extends JQueryDeferredAjaxOptions {}
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace, @typescript-eslint/no-empty-object-type,
   @typescript-eslint/no-unused-vars */

/**
 * The platform types the ajax declarations mention (`URL`, `AbortSignal`, `Response`, fetch's
 * `RequestInit`), read from the consumer's own globals instead of named directly. With the DOM lib
 * or Node's types they are exactly the platform's; without them (`"lib": ["ES2022"]`,
 * `"types": []`, a consumer of the core only) they are `never`, so the published declarations
 * type-check with `skipLibCheck: false` in any environment instead of failing on missing names.
 */

/**
 * The instance type of the global class `Name`, if the program declares one, else `never`.
 *
 * @example
 * type U = GlobalInstance<"URL">; // URL with the DOM lib or @types/node, never without
 */
export type GlobalInstance<Name extends string> =
  typeof globalThis extends Record<Name, { prototype: infer Instance }> ? Instance : never;

/**
 * fetch's `RequestInit`, if the program declares a global `fetch`, else `never`.
 *
 * @example
 * type Body = NonNullable<FetchInit["body"]>; // BodyInit with the DOM lib
 */
export type FetchInit = typeof globalThis extends {
  fetch: (input: never, init?: infer Init) => unknown;
}
  ? NonNullable<Init>
  : never;

/**
 * A request URL: a string, or a `URL` object where the platform has them.
 *
 * @example
 * const url: AjaxUrl = new URL("/users", location.href);
 */
export type AjaxUrl = string | GlobalInstance<"URL">;

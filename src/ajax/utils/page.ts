/**
 * The page the library runs in, where there is one: its location, document and window. Read on
 * each use (not at import), so that a page set up later (a test's DOM) is the one used.
 */

/** The page's location (browsers, workers), else `undefined` (Node). */
export function pageLocation(): { href: string; origin: string; protocol: string } | undefined {
  return (globalThis as { location?: { href: string; origin: string; protocol: string } }).location;
}

/** The slice of the DOM the script transport and the `"text script"` converter use. */
export interface PageDocument {
  head: { appendChild(node: unknown): unknown };
  createElement(name: "script"): PageScript;
}

/** A `<script>` element, as far as the script transport uses it. */
export interface PageScript {
  text: string;
  src: string;
  charset: string;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: (event: { type: string }) => void): void;
  remove(): void;
}

/** The page's document, where there is one that can create elements. */
export function pageDocument(): PageDocument | undefined {
  const document = (globalThis as { document?: PageDocument }).document;
  return typeof document?.createElement === "function" ? document : undefined;
}

/** The page's global object, where JSONP callbacks live: `window` where there is one. */
export function pageGlobal(): Record<string, unknown> {
  const window = (globalThis as unknown as { window?: Record<string, unknown> }).window;
  return typeof window === "object" && window !== null ? window : globalThis;
}

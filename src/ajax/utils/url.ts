/** URL helpers: resolving relative URLs, appending query data and the anti-cache parameter. */

/** The page's location where there is one (browsers, workers), else `undefined` (Node). */
export function pageLocation(): { href: string; origin: string } | undefined {
  return (globalThis as { location?: { href: string; origin: string } }).location;
}

/** `url` resolved against `base`, or `undefined` if it is not a valid absolute URL then. */
export function resolveUrl(url: string, base: string | undefined): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/** Appends `query` to the URL's query string, before any `#hash`. */
export function appendQuery(url: string, query: string): string {
  const hashAt = url.indexOf("#");
  const path = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : url.slice(hashAt);
  return `${path}${path.includes("?") ? "&" : "?"}${query}${hash}`;
}

/** Replaces any `_=` anti-cache parameter with `_=<nonce>` (for `cache: false`). */
export function withAntiCache(url: string, nonce: number): string {
  const hashAt = url.indexOf("#");
  const path = hashAt === -1 ? url : url.slice(0, hashAt);
  const hash = hashAt === -1 ? "" : url.slice(hashAt);
  return (
    appendQuery(path.replace(/([?&])_=[^&]*&?/, "$1").replace(/[?&]$/, ""), `_=${nonce}`) + hash
  );
}

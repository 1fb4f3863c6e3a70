/** URL helpers: the page's location and resolving relative URLs. */

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

/** URL helpers: resolving relative URLs, recognising URL objects. */

/** `url` resolved against `base`, or `undefined` if it is not a valid absolute URL then. */
export function resolveUrl(url: string, base: string | undefined): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * Whether `value` is a URL object. `instanceof` throws for a revoked Proxy; such a value is not a
 * URL, and ajax() must get as far as failing the request with it.
 */
export function isUrl(value: unknown): value is URL {
  try {
    return value instanceof URL;
  } catch {
    return false;
  }
}

/** Text for error messages about values that may be hostile. */

/**
 * `String(value)` when that works, else a description that cannot throw: a thrown value or a
 * setting may be an object without `toString` (`Object.create(null)`), with a throwing one, or a
 * revoked Proxy, and formatting a message must never be what stops a request from settling.
 */
export function safeText(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return typeof value;
    }
  }
}

/** Header helpers: the request header table and the XMLHttpRequest-style header string. */

/**
 * Request headers as jqXHR.setRequestHeader collects them: case-insensitive, the first spelling of
 * a name is kept, a later value replaces the earlier one.
 */
export class RequestHeaderTable {
  readonly #entries = new Map<string, [name: string, value: string]>();

  set(name: string, value: string): void {
    const key = name.toLowerCase();
    this.#entries.set(key, [this.#entries.get(key)?.[0] ?? name, value]);
  }

  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  entries(): IterableIterator<[name: string, value: string]> {
    return this.#entries.values();
  }
}

/** The headers as `getAllResponseHeaders()` returns them: `"name: value\r\n"` lines. */
export function formatHeaders(headers: Headers): string {
  let text = "";
  headers.forEach((value, name) => {
    text += `${name}: ${value}\r\n`;
  });
  return text;
}

/** The charset parameter of a MIME type, if any. */
export function charsetOf(mimeType: string | null | undefined): string | undefined {
  return mimeType ? /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mimeType)?.[1] : undefined;
}

/**
 * Headers from a raw `getAllResponseHeaders()` string (what jQuery's transports complete with).
 * Lines that are not `name: value`, or that `Headers` rejects, are skipped; repeated names are
 * joined with ", " as XMLHttpRequest does.
 */
export function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const match of raw.matchAll(/^(.*?):[ \t]*([^\r\n]*)$/gm)) {
    try {
      headers.append(match[1]!, match[2]!);
    } catch {
      // Not a valid header line: unreadable, as it would be through XMLHttpRequest.
    }
  }
  return headers;
}

/**
 * `param(data, traditional)`: jQuery's serialisation of objects into a URL-encoded query string,
 * used for `data` when `processData` is on.
 */

/**
 * Serialises a plain object, or an array of `{ name, value }` pairs, as jQuery.param does:
 * nested objects become `a[b]=…`, arrays `a[]=…` (indices for nested objects/arrays, or repeated
 * `a=…` when `traditional`), functions are called for their value, and null/undefined become
 * empty strings. Spaces are encoded as `%20`.
 *
 * @example
 * param({ a: [1, 2], b: { c: "d e" } }); // "a%5B%5D=1&a%5B%5D=2&b%5Bc%5D=d%20e"
 * param({ a: [1, 2] }, true);            // "a=1&a=2"
 */
export function param(
  data: Readonly<Record<string, unknown>> | readonly { name: string; value: unknown }[] | null,
  traditional = false,
): string {
  const pairs: string[] = [];
  const add = (key: string, valueOrFunction: unknown): void => {
    const value =
      typeof valueOrFunction === "function"
        ? (valueOrFunction as () => unknown)()
        : valueOrFunction;
    pairs.push(
      `${encodeURIComponent(key)}=${encodeURIComponent(value == null ? "" : String(value))}`,
    );
  };
  if (data == null) return "";
  if (Array.isArray(data)) {
    for (const { name, value } of data as readonly { name: string; value: unknown }[]) {
      add(name, value);
    }
  } else {
    for (const prefix in data) {
      addParams(prefix, (data as Record<string, unknown>)[prefix], traditional, add);
    }
  }
  return pairs.join("&");
}

/** Whether jQuery.param descends into the value's keys (plain objects, not dates or arrays). */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return Object.prototype.toString.call(value) === "[object Object]";
}

function addParams(
  prefix: string,
  value: unknown,
  traditional: boolean,
  add: (key: string, value: unknown) => void,
): void {
  if (Array.isArray(value)) {
    value.forEach((item: unknown, index) => {
      if (traditional || prefix.endsWith("[]")) {
        add(prefix, item);
      } else {
        // Indices only where they are needed to keep nested structures apart.
        const key = typeof item === "object" && item != null ? String(index) : "";
        addParams(`${prefix}[${key}]`, item, traditional, add);
      }
    });
  } else if (!traditional && isPlainRecord(value)) {
    for (const name in value) addParams(`${prefix}[${name}]`, value[name], traditional, add);
  } else {
    add(prefix, value);
  }
}

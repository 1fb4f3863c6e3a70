/**
 * Response conversion: inferring the data type from the Content-Type, and running the chain of
 * converters from the raw text to the requested data type, with jQuery's rules (direct converter,
 * `"* to"` wildcard, `true` equivalences, one intermediate type found through a pair).
 */
import type { AjaxConverter } from "../types/options.js";

/** The built-in converters; `ajaxSetup({ converters })` and the option add to them. */
export const DEFAULT_CONVERTERS: Readonly<Record<string, AjaxConverter>> = {
  "* text": String,
  "text html": true,
  "text json": JSON.parse,
  "text xml": parseXml,
};

/** Data types recognised in a Content-Type, in jQuery's order (script is not, see docs). */
const CONTENT_TYPE_PATTERNS: readonly (readonly [string, RegExp])[] = [
  ["xml", /\bxml\b/],
  ["html", /\bhtml/],
  ["json", /\bjson\b/],
];

/** Which jqXHR field holds the value of a data type once reached. */
export const RESPONSE_FIELDS: Readonly<Record<string, "responseText" | "responseJSON">> = {
  text: "responseText",
  json: "responseJSON",
};

/** The slice of the DOM's XML parser the "text xml" converter uses. */
interface XmlParser {
  parseFromString(
    text: string,
    type: string,
  ): { getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }> };
}

function parseXml(text: string): unknown {
  const Parser = (globalThis as { DOMParser?: new () => XmlParser }).DOMParser;
  if (Parser === undefined) throw new TypeError("parsing XML needs DOMParser, which is missing");
  const xml = new Parser().parseFromString(text, "text/xml");
  const failure = xml.getElementsByTagName("parsererror");
  if (failure.length > 0) throw new SyntaxError(`Invalid XML: ${failure[0]?.textContent ?? text}`);
  return xml;
}

/**
 * The conversion chain for a text response: `dataTypes` with the leading "*" entries replaced by
 * the type recognised in `contentType`, starting with "text" (the type fetch delivers).
 * XML is recognised only where `DOMParser` exists, so XML responses stay text in Node.
 */
export function inferDataTypes(dataTypes: readonly string[], contentType: string | null): string[] {
  const chain = dataTypes.slice();
  let inferred = false;
  while (chain[0] === "*") {
    chain.shift();
    inferred = true;
  }
  if (inferred && contentType) {
    for (const [type, pattern] of CONTENT_TYPE_PATTERNS) {
      if (type === "xml" && !("DOMParser" in globalThis)) continue;
      if (pattern.test(contentType)) {
        chain.unshift(type);
        break;
      }
    }
  }
  if (chain[0] !== "text") chain.unshift("text");
  return chain;
}

/** The result of {@link convert}. */
export type Conversion =
  | { readonly ok: true; readonly data: unknown }
  | {
      readonly ok: false;
      readonly from: string;
      readonly to: string;
      /** What the converter threw; absent when no converter leads from `from` to `to`. */
      readonly error?: { readonly thrown: unknown };
    };

/** What {@link convert} needs from the request. */
export interface ConversionInput {
  /** The chain from {@link inferDataTypes}. */
  readonly chain: readonly string[];
  readonly converters: Readonly<Record<string, AjaxConverter>>;
  /** Applied to the raw text first, on success only. */
  readonly dataFilter?: ((data: string, dataType: string | undefined) => string) | undefined;
  readonly dataType: string | undefined;
  /** Called with each data type reached and its value (fills responseText/responseJSON). */
  readonly reached: (dataType: string, value: unknown) => void;
}

/**
 * Converts the response text along the chain. Runs for failed responses too (without
 * `dataFilter`), as jQuery does, so that `responseJSON` is set for a JSON error body.
 */
export function convert(text: string, isSuccess: boolean, input: ConversionInput): Conversion {
  const types = input.chain.slice();
  const converters = lowerCaseKeys(input.converters);
  let value: unknown = text;
  let previous: string | undefined;
  let current = types.shift();
  while (current !== undefined) {
    input.reached(current, value);
    if (previous === undefined && isSuccess && input.dataFilter) {
      value = input.dataFilter(value as string, input.dataType);
    }
    previous = current;
    current = types.shift();
    if (current === undefined) break;
    if (current === "*") {
      current = previous;
      continue;
    }
    if (previous === "*" || previous === current) continue;
    let converter = converters[`${previous} ${current}`] ?? converters[`* ${current}`];
    if (converter === undefined) {
      const found = findPair(converters, previous, current);
      if (found) {
        converter = found.converter;
        if (found.intermediate !== undefined) {
          types.unshift(current);
          current = found.intermediate;
        }
      }
    }
    if (converter === true) continue;
    if (converter === undefined) return { ok: false, from: previous, to: current };
    try {
      value = (converter as (value: unknown) => unknown)(value);
    } catch (thrown) {
      return { ok: false, from: previous, to: current, error: { thrown } };
    }
  }
  return { ok: true, data: value };
}

function lowerCaseKeys(
  converters: Readonly<Record<string, AjaxConverter>>,
): Record<string, AjaxConverter> {
  const lowered: Record<string, AjaxConverter> = {};
  for (const key of Object.keys(converters)) lowered[key.toLowerCase()] = converters[key]!;
  return lowered;
}

/**
 * A two-step route `from → intermediate → to`. When one of the steps is an equivalence (`true`),
 * the route collapses to the other step's converter and no intermediate type is needed.
 */
function findPair(
  converters: Record<string, AjaxConverter>,
  from: string,
  to: string,
): { converter: AjaxConverter; intermediate?: string } | undefined {
  for (const key of Object.keys(converters)) {
    const [middle, target] = key.split(" ");
    if (target !== to || middle === undefined) continue;
    const first = converters[`${from} ${middle}`] ?? converters[`* ${middle}`];
    if (first === undefined) continue;
    const second = converters[key]!;
    if (first === true) return { converter: second };
    if (second === true) return { converter: first };
    return { converter: first, intermediate: middle };
  }
  return undefined;
}

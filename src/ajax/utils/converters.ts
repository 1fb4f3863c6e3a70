/**
 * Response conversion, as jQuery's `ajaxHandleResponses` and `ajaxConvert`: choosing the response
 * and data type to start from (the `contents` patterns recognise the Content-Type when the data
 * type is inferred), then running the chain of converters to the requested data type (direct
 * converter, `"* to"` wildcard, `true` equivalences, one intermediate type found through a pair).
 */
import type { AjaxConverter } from "../types/options.js";

/** The built-in converters; `ajaxSetup({ converters })` and the option add to them. */
export const DEFAULT_CONVERTERS: Readonly<Record<string, AjaxConverter>> = {
  "* text": String,
  "text html": true,
  "text json": JSON.parse,
  "text xml": parseXml,
};

/** The slice of the DOM's XML parser the "text xml" converter uses. */
interface XmlParser {
  parseFromString(
    text: string,
    type: string,
  ): { getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }> };
}

function hasDomParser(): boolean {
  return typeof (globalThis as { DOMParser?: unknown }).DOMParser === "function";
}

function parseXml(text: string): unknown {
  const Parser = (globalThis as { DOMParser?: new () => XmlParser }).DOMParser;
  if (Parser === undefined) throw new TypeError("parsing XML needs DOMParser, which is missing");
  const xml = new Parser().parseFromString(text, "text/xml");
  const failure = xml.getElementsByTagName("parsererror");
  if (failure.length > 0) throw new SyntaxError(`Invalid XML: ${failure[0]?.textContent ?? text}`);
  return xml;
}

/** What the two steps read from the request's settings. */
export interface ConversionSettings {
  /** The data types; leading "*" entries are replaced by the recognised type (mutated, as jQuery). */
  dataTypes: string[];
  readonly contents?: Readonly<Record<string, RegExp | undefined>> | undefined;
  readonly converters: Readonly<Record<string, AjaxConverter>>;
  readonly responseFields?: Readonly<Record<string, string>> | undefined;
  /** Applied to the raw response first, on success only. */
  readonly dataFilter?: ((data: string, dataType: string | undefined) => string) | undefined;
  readonly dataType?: string | undefined;
}

/**
 * jQuery's `ajaxHandleResponses`: drops the leading "*" data types, puts first the type whose
 * `contents` pattern matches `contentType` (XML only where `DOMParser` exists, so XML responses
 * stay text in Node), then picks the response to convert from and makes sure its type starts the
 * chain. Returns that response.
 */
export function selectResponse(
  settings: ConversionSettings,
  responses: Readonly<Record<string, unknown>>,
  contentType: () => string | null | undefined,
): unknown {
  const dataTypes = settings.dataTypes;
  let type: string | null | undefined;
  while (dataTypes[0] === "*") {
    dataTypes.shift();
    type ??= contentType();
  }
  if (type) {
    const contents = settings.contents ?? {};
    for (const name of Object.keys(contents)) {
      const pattern = contents[name];
      if (name === "xml" && !hasDomParser()) continue;
      if (pattern && pattern.test(type)) {
        dataTypes.unshift(name);
        break;
      }
    }
  }
  let selected: string | undefined;
  const first = dataTypes[0];
  if (first !== undefined && first in responses) {
    selected = first;
  } else {
    let fallback: string | undefined;
    for (const name of Object.keys(responses)) {
      if (!first || settings.converters[`${name} ${first}`]) {
        selected = name;
        break;
      }
      fallback ??= name;
    }
    selected ??= fallback;
  }
  if (selected === undefined) return undefined;
  if (selected !== dataTypes[0]) dataTypes.unshift(selected);
  return responses[selected];
}

/** The result of {@link convert}: jQuery's `{ state, data | error }`. */
export type Conversion =
  | { readonly ok: true; readonly data: unknown }
  | {
      readonly ok: false;
      readonly from: string;
      readonly to: string;
      /** What the converter threw; absent when no converter leads from `from` to `to`. */
      readonly error?: { readonly thrown: unknown };
    };

/**
 * jQuery's `ajaxConvert`: converts `response` along `settings.dataTypes`, setting the jqXHR's
 * response fields (`responseText`, `responseJSON`, `responseXML`) for each type reached. Runs for
 * failed responses too (without `dataFilter`), so that `responseJSON` is set for a JSON error body.
 * A throwing `dataFilter` is reported as a failed conversion from the first type.
 */
export function convert(
  response: unknown,
  isSuccess: boolean,
  settings: ConversionSettings,
  target: Record<string, unknown>,
): Conversion {
  const types = settings.dataTypes.slice();
  const converters = lowerCaseKeys(settings.converters);
  const fields = settings.responseFields ?? {};
  let value = response;
  let previous: string | undefined;
  let current = types.shift();
  while (current) {
    const field = fields[current];
    if (field) target[field] = value;
    if (previous === undefined && isSuccess && settings.dataFilter) {
      try {
        value = settings.dataFilter(value as string, settings.dataType);
      } catch (thrown) {
        return { ok: false, from: current, to: types.at(-1) ?? current, error: { thrown } };
      }
    }
    previous = current;
    current = types.shift();
    if (!current) break;
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
    if (typeof converter !== "function") return { ok: false, from: previous, to: current };
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

/**
 * The two registries of jQuery's ajax pipeline, prefilters and transport factories, share one
 * shape: lists keyed by data type ("*" for every request), a leading "+" putting an entry first,
 * and one walk (jQuery's `inspectPrefiltersOrTransports`) that visits the request's first data
 * type, then "*".
 */

/** Lists of entries keyed by data type. */
export class DataTypeRegistry<Entry> {
  #lists = new Map<string, Entry[]>();
  readonly #builtIn: readonly (readonly [dataTypes: string, entry: Entry])[];

  /** `builtIn` entries are registered now and again by every {@link reset}. */
  constructor(builtIn: readonly (readonly [dataTypes: string, entry: Entry])[] = []) {
    this.#builtIn = builtIn;
    this.reset();
  }

  /**
   * Registers `entry` for each data type of the space-separated `dataTypes` ("*" when empty); a
   * "+" before a type puts it before the entries already registered for that type. Returns a
   * function that removes it again (a no-op after {@link reset}).
   */
  add(dataTypes: string, entry: Entry): () => void {
    const lists: Entry[][] = [];
    for (const token of dataTypes.toLowerCase().match(/[^\x20\t\r\n\f]+/g) ?? ["*"]) {
      const prepend = token.startsWith("+");
      const dataType = prepend ? token.slice(1) || "*" : token;
      const list = this.#lists.get(dataType) ?? [];
      this.#lists.set(dataType, list);
      if (prepend) list.unshift(entry);
      else list.push(entry);
      lists.push(list);
    }
    const current = this.#lists;
    return () => {
      if (current !== this.#lists) return;
      for (const list of lists) {
        const index = list.indexOf(entry);
        if (index !== -1) list.splice(index, 1);
      }
    };
  }

  /** The entries for `dataType`, in the order they run (a copy). */
  entriesFor(dataType: string): Entry[] {
    return this.#lists.get(dataType)?.slice() ?? [];
  }

  /** Back to the built-in entries only. */
  reset(): void {
    this.#lists = new Map();
    for (const [dataTypes, entry] of this.#builtIn) this.add(dataTypes, entry);
  }
}

/**
 * jQuery's walk over a registry: the entries of `dataTypes[0]`, then (unless already visited) those
 * of "*". `visit` returns what the entry produced; the walk stops at the first `{ stop: true }`.
 * A string returned by a prefilter redirects: that data type is put first in `dataTypes` and its
 * entries are walked instead (transports never redirect).
 */
export function walkRegistry<Entry, Found>(
  registry: DataTypeRegistry<Entry>,
  dataTypes: string[],
  visit: (entry: Entry) => { redirect?: string; found?: Found; stop?: boolean },
): Found | undefined {
  const inspected = new Set<string>();
  const inspect = (dataType: string): { found?: Found } => {
    inspected.add(dataType);
    for (const entry of registry.entriesFor(dataType)) {
      const step = visit(entry);
      if (step.stop) return step;
      if (step.redirect !== undefined && !inspected.has(step.redirect)) {
        dataTypes.unshift(step.redirect);
        return inspect(step.redirect);
      }
    }
    return {};
  };
  const first = inspect(dataTypes[0] ?? "");
  if (first.found !== undefined || inspected.has("*")) return first.found;
  return inspect("*").found;
}

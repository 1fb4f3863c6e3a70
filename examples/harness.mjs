/**
 * Runs one seed example and checks its outcome.
 *
 * An example is `{ title, run($, io), expected }`. `run` is the document's code, given the
 * library as `$` and an `io` object standing in for the page: `io.log(text)` records what the
 * document would `alert`, `console.log` or append to the page; `io.setTimeout` is the timer the
 * example uses (scaled down by the tests, real in `npm run examples`); `io.sleep(ms)` waits. Every
 * recorded line carries the time it happened at. `expected` is the list of lines the document says
 * the example produces, or a function of the run (`io`) that returns it, for examples whose
 * outcome depends on random timers.
 */
import { performance } from "node:perf_hooks";
import { inspect } from "node:util";

/** Formats a value the way the examples print them: strings quoted, objects inline. */
export function show(value) {
  return inspect(value, { breakLength: Infinity, depth: 4 });
}

function createIO(scale) {
  const started = performance.now();
  const lines = [];
  const delays = [];
  const effective = (ms) => Math.max(1, Math.floor((Number(ms) || 0) * scale));
  return {
    lines,
    /** The delays the example passed to `io.setTimeout`, in call order, as they were applied. */
    delays,
    scale,
    log(text) {
      lines.push({ at: performance.now() - started, text: String(text) });
    },
    setTimeout(callback, ms, ...args) {
      const delay = effective(ms);
      delays.push(delay);
      return globalThis.setTimeout(callback, delay, ...args);
    },
    sleep(ms) {
      return new Promise((resolve) => globalThis.setTimeout(resolve, effective(ms)));
    },
  };
}

/**
 * Runs `example` against the library `$`. `scale` multiplies every delay (1 for the real timing).
 * Resolves with the recorded lines, the expected lines, and whether they match; an example that
 * throws is reported as a mismatch with the exception as its last line.
 */
export async function runExample(example, $, { scale = 1 } = {}) {
  const io = createIO(scale);
  const started = performance.now();
  try {
    await example.run($, io);
  } catch (error) {
    io.log(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : show(error)}`);
  }
  const actual = io.lines.map((line) => line.text);
  const expected = typeof example.expected === "function" ? example.expected(io) : example.expected;
  const ok =
    actual.length === expected.length && actual.every((text, index) => text === expected[index]);
  return { lines: io.lines, actual, expected, ok, duration: performance.now() - started };
}

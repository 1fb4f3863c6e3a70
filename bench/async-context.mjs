/**
 * What following async contexts costs (docs/async-context.md): deferreds are created, each gets one
 * `then`, is resolved, and its handler runs, in batches of 1,000, with jq-deferred's async context
 * off, on with the source Node's entry points install (AsyncResource), and on with
 * `AsyncLocalStorage` itself (whose `snapshot()` is far slower, hence fewer batches), and with
 * native promises for reference; each outside any
 * AsyncLocalStorage store and inside one (a server's case: on Node before 24 an active store turns
 * on promise hooks, which native promises pay too). Every variant runs in fresh processes (one
 * per round), so none sees another's JIT state; the figures are the median and the minimum over
 * rounds of the CPU nanoseconds per `then` (creation, `then`, resolution and the handler's run
 * included; CPU time, so that a busy machine's waits do not count), and the difference from "off"
 * is the cost of capturing and restoring the context.
 *
 *   npx tsup && node bench/async-context.mjs           # this Node
 *   node bench/async-context.mjs 20 24                 # Node majors from the registry's `node` package
 *   ROUNDS=9 node bench/async-context.mjs              # more rounds (default 5)
 *   MODES=native,off DIST=/elsewhere/dist node bench/async-context.mjs
 *                                                      # some modes only, of another build
 *
 * Measures the built CommonJS module (dist/index.cjs) directly, not the package's Node entry,
 * so that "off" really is off; "on" loads the package's Node entry (dist/index.node.cjs), which turns
 * async context on for that same build.
 */
import { execFileSync } from "node:child_process";
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const BATCH = 1000;
/** Warm-up and measured batches per mode: `AsyncLocalStorage.snapshot()` takes microseconds. */
const BATCHES = { native: [200, 1000], off: [200, 1000], on: [200, 1000], "on-als": [10, 50] };
const ROUNDS = Number(process.env.ROUNDS ?? 5);
/** The build measured: this checkout's, or another (a build without `useAsyncContext` is "off"). */
const DIST = process.env.DIST ?? fileURLToPath(new URL("../dist/", import.meta.url));
const MODES = process.env.MODES?.split(",");

/** The variants, in report order: [name, library mode, inside a store]. */
const VARIANTS = [
  ["native", "native", false],
  ["jq-deferred, context off", "off", false],
  ["jq-deferred, context on", "on", false],
  ["jq-deferred, AsyncLocalStorage source", "on-als", false],
  ["native, in a store", "native", true],
  ["jq-deferred, context off, in a store", "off", true],
  ["jq-deferred, context on, in a store", "on", true],
  ["jq-deferred, AsyncLocalStorage source, in a store", "on-als", true],
];

const script = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));

/** One batch: BATCH deferreds, one `then` each, all resolved; settles when every handler ran. */
function makeBatch(mode) {
  if (mode === "native") {
    return () =>
      new Promise((done) => {
        let left = BATCH;
        const handler = () => {
          if (--left === 0) done();
        };
        for (let i = 0; i < BATCH; i++) {
          let resolve;
          new Promise((res) => (resolve = res)).then(handler);
          resolve(i);
        }
      });
  }
  const require = createRequire(import.meta.url);
  const lib = require(`${DIST}/index.cjs`);
  // The Node entry shares the build's chunks, so loading it turns context on for `lib` too.
  if (mode === "on") require(`${DIST}/index.node.cjs`);
  else if (mode === "on-als") lib.useAsyncContext(AsyncLocalStorage);
  else lib.useAsyncContext?.(false);
  return () =>
    new Promise((done) => {
      let left = BATCH;
      const handler = () => {
        if (--left === 0) done();
      };
      for (let i = 0; i < BATCH; i++) {
        const deferred = lib.Deferred();
        deferred.then(handler);
        deferred.resolve(i);
      }
    });
}

/** Child process: measures one variant once and prints ns per `then`. */
async function measure(mode, inStore) {
  const batch = makeBatch(mode);
  const [warmup, measured] = BATCHES[mode];
  const body = async () => {
    for (let i = 0; i < warmup; i++) await batch();
    // CPU time, not wall time: on a shared machine waiting for a core is not the library's cost.
    const start = process.cpuUsage();
    for (let i = 0; i < measured; i++) await batch();
    const { user, system } = process.cpuUsage(start);
    return ((user + system) * 1000) / (measured * BATCH);
  };
  const nsPerThen = inStore ? await new AsyncLocalStorage().run("request", body) : await body();
  console.log(JSON.stringify(nsPerThen));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const minimum = (values) => Math.min(...values);

/**
 * Parent: every variant in ROUNDS fresh processes each, under `node` (a command line). Rounds are
 * interleaved (each round runs every variant once), so that a change in the machine's load moves
 * all variants alike.
 */
function report(node) {
  const version = execFileSync(node[0], [...node.slice(1), "--version"], { encoding: "utf8" });
  const variants = VARIANTS.filter(([, mode]) => MODES === undefined || MODES.includes(mode));
  const samples = new Map(variants.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, mode, inStore] of variants) {
      const output = execFileSync(
        node[0],
        [...node.slice(1), script, `--measure=${mode}`, ...(inStore ? ["--in-store"] : [])],
        { cwd: root, encoding: "utf8" },
      );
      samples.get(name).push(Number(output.trim()));
    }
  }
  console.log(`\n${version.trim()}: CPU ns per then, median and minimum of ${ROUNDS} processes`);
  for (const [name, mode, inStore] of variants) {
    const own = samples.get(name);
    const off = samples.get(`jq-deferred, context off${inStore ? ", in a store" : ""}`);
    const over = (pick) => (pick(own) - pick(off)).toFixed(0);
    const extra =
      mode.startsWith("on") && off !== undefined
        ? `  (+${over(median)} / +${over(minimum)} ns over off)`
        : "";
    const figures = `${median(own).toFixed(1).padStart(8)} ${minimum(own).toFixed(1).padStart(8)}`;
    console.log(`  ${name.padEnd(50)} ${figures} ns${extra}`);
  }
}

const measured = process.argv.find((arg) => arg.startsWith("--measure="));
if (measured !== undefined) {
  await measure(measured.slice("--measure=".length), process.argv.includes("--in-store"));
} else {
  const majors = process.argv.slice(2);
  if (majors.length === 0) report([process.execPath]);
  for (const major of majors) report(["npx", "--yes", `--package=node@${major}`, "--", "node"]);
}

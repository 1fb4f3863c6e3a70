// The async-loop pattern: each step is a `then` handler that starts the next step on a new
// deferred, resolved from a microtask. With "return" the handler returns the next step's promise
// (so every pending step adopts the next one); with "forget" it does not.
const { Deferred } = await import(process.env.JQ_DEFERRED);

const steps = Number(process.argv[2]);
const mode = process.argv[3];
const tenth = steps / 10;
// Sampling the heap forces a full GC; with "return" the heap is large, so only measure at the ends.
const sampled = mode === "forget";
const heap = () => {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
const heapSamples = [];
const baseline = heap();

function step(n) {
  if (sampled && n % tenth === 0) heapSamples.push(heap());
  if (n === steps) {
    if (mode === "forget") finish(n);
    return n;
  }
  const next = Deferred();
  queueMicrotask(() => next.resolve(n + 1));
  const promise = next.then(step);
  return mode === "return" ? promise : undefined;
}

function finish(value) {
  // Let the settled chain become garbage before measuring what is left.
  setTimeout(() => {
    console.log(JSON.stringify({ value, baseline, heapSamples, after: heap() }));
  });
}

const loop = Deferred().resolve(0).then(step);
if (mode === "return") loop.done(finish);

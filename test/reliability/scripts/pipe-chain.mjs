// A chain of `links` pipes, built before the first one settles. With "values" each filter returns
// a number; with "deferreds" it returns a new resolved deferred, which the next link adopts.
// Prints the final value and the heap (after a full GC) each time another fifth has settled.
const { Deferred } = await import(process.env.JQ_DEFERRED);

const links = Number(process.argv[2]);
const mode = process.argv[3];
const fifth = links / 5;
const heapSamples = [];
const next = mode === "deferreds" ? (n) => Deferred().resolve(n + 1) : (n) => n + 1;
const nextAndSample = (n) => {
  globalThis.gc();
  heapSamples.push(process.memoryUsage().heapUsed);
  return next(n);
};

const first = Deferred();
let last = first.promise();
for (let i = 1; i <= links; i++) last = last.pipe(i % fifth === 0 ? nextAndSample : next);
let value;
last.done((n) => (value = n));
first.resolve(0);
// A pipe is synchronous: the whole chain has settled when resolve returns.
console.log(JSON.stringify({ value, state: last.state(), heapSamples }));

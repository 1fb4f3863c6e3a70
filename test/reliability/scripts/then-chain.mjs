// A then-chain of `links` links, built before the first one settles. Prints the final value and
// the heap (after a full GC) each time another fifth of the chain has settled.
const { Deferred } = await import(process.env.JQ_DEFERRED);

const links = Number(process.argv[2]);
const fifth = links / 5;
const heapSamples = [];
const increment = (n) => n + 1;
const incrementAndSample = (n) => {
  globalThis.gc();
  heapSamples.push(process.memoryUsage().heapUsed);
  return n + 1;
};

const first = Deferred();
let last = first.promise();
for (let i = 1; i <= links; i++) last = last.then(i % fifth === 0 ? incrementAndSample : increment);
last.done((value) => console.log(JSON.stringify({ value, heapSamples })));
first.resolve(0);

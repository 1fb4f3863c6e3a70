// Leak checks, run with --expose-gc. Each case registers WeakRefs to what should (or, for the
// controls, should not) be released, lets the turn end, forces full GCs, and counts what is gone.
// Prints one JSON object: case name -> { collected, total }.
const { Callbacks, Deferred } = await import(process.env.JQ_DEFERRED);

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
const heap = () => {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

/** WeakRefs to `count` fresh callbacks, each given to `register`. */
function trackedCallbacks(count, register) {
  const refs = [];
  for (let i = 0; i < count; i++) {
    const callback = () => i;
    refs.push(new WeakRef(callback));
    register(callback, i);
  }
  return refs;
}

/** How many of `refs` were collected, after the current job ended and two full GCs. */
async function collected(refs) {
  await nextTask();
  globalThis.gc();
  await nextTask();
  globalThis.gc();
  return { collected: refs.filter((ref) => ref.deref() === undefined).length, total: refs.length };
}

const results = {};
const keep = []; // objects the cases keep alive until the end, so that only their lists are tested

async function run(name, setup) {
  results[name] = await collected(setup());
}

await run("fail callbacks after resolve", () => {
  const dfd = Deferred();
  keep.push(dfd);
  const refs = trackedCallbacks(100, (fn) => dfd.fail(fn));
  dfd.resolve();
  return refs;
});

await run("done callbacks after reject", () => {
  const dfd = Deferred();
  keep.push(dfd);
  const refs = trackedCallbacks(100, (fn) => dfd.done(fn));
  dfd.reject();
  return refs;
});

await run("progress callbacks after settle", () => {
  const dfd = Deferred();
  keep.push(dfd);
  const refs = trackedCallbacks(100, (fn) => dfd.progress(fn));
  dfd.notify("working");
  dfd.resolve();
  return refs;
});

await run("done and always callbacks once they have run", () => {
  const dfd = Deferred();
  keep.push(dfd);
  const refs = trackedCallbacks(100, (fn, i) => (i % 2 ? dfd.done(fn) : dfd.always(fn)));
  dfd.resolve();
  return refs;
});

await run("callbacks added to a settled deferred", () => {
  const dfd = Deferred().reject("no");
  keep.push(dfd);
  return [
    ...trackedCallbacks(50, (fn) => dfd.fail(fn)),
    ...trackedCallbacks(50, (fn) => dfd.done(fn)),
    ...trackedCallbacks(50, (fn) => dfd.progress(fn)),
  ];
});

await run("control: callbacks of a pending deferred", () => {
  const dfd = Deferred();
  keep.push(dfd);
  return trackedCallbacks(100, (fn) => dfd.fail(fn));
});

await run("then handlers and a settled source, with only the derived promises alive", () => {
  const refs = [];
  for (const settle of ["resolve", "reject"]) {
    const source = Deferred();
    const handlers = [() => 1, () => 2, () => 3];
    keep.push(source.then(...handlers));
    refs.push(new WeakRef(source), new WeakRef(source.promise()));
    for (const handler of handlers) refs.push(new WeakRef(handler));
    source.notify("progress");
    source[settle]("value");
  }
  return refs;
});

await run("then handlers of each shape, with only the derived promises alive", () => {
  // One handler alone, the common case, and every other shape, for each way of settling: each
  // derived promise keeps its handlers until the settling one has run, and none after.
  const shapes = [
    (source, fn) => source.then(fn),
    (source, fn) => source.then(fn, fn),
    (source, fn) => source.then(null, fn),
    (source, fn) => source.catch(fn),
    (source, fn) => source.then(null, null, fn),
  ];
  const refs = [];
  for (const settle of ["resolve", "reject"]) {
    for (const shape of shapes) {
      const source = Deferred();
      refs.push(...trackedCallbacks(10, (fn) => keep.push(shape(source, fn))));
      source.notify("progress");
      source[settle]("value");
    }
  }
  return refs;
});

await run("control: then handlers of a pending source", () => {
  const source = Deferred();
  keep.push(source);
  return trackedCallbacks(100, (fn) => source.then(fn, fn));
});

await run("pipe filters of the channels that did not fire", () => {
  const source = Deferred();
  keep.push(source);
  const refs = [];
  for (let i = 0; i < 50; i++) {
    const onFail = () => i;
    const onProgress = () => i;
    refs.push(new WeakRef(onFail), new WeakRef(onProgress));
    keep.push(source.pipe(null, onFail, onProgress));
  }
  source.resolve();
  return refs;
});

await run("Callbacks: callbacks removed from a long-lived list", () => {
  const list = Callbacks("memory");
  keep.push(list);
  list.fire("x");
  return trackedCallbacks(100, (fn) => list.add(fn).remove(fn));
});

await run("Callbacks: callbacks of a once list after it fired", () => {
  const list = Callbacks("once");
  keep.push(list);
  const refs = trackedCallbacks(100, (fn) => list.add(fn));
  list.fire();
  return refs;
});

await run("Callbacks: arguments of all but the last fire of a memory list", () => {
  const list = Callbacks("memory");
  keep.push(list);
  list.add(() => undefined);
  const refs = [];
  for (let i = 0; i < 100; i++) {
    const value = { i };
    refs.push(new WeakRef(value));
    list.fire(value);
  }
  refs.pop(); // the last fire is remembered, by design
  return refs;
});

await run("Deferred: values of all but the last notification of a pending deferred", () => {
  const dfd = Deferred();
  keep.push(dfd);
  dfd.progress(() => undefined);
  keep.push(dfd.then(null, null, (value) => value));
  const refs = [];
  for (let i = 0; i < 100; i++) {
    const value = { i };
    refs.push(new WeakRef(value));
    dfd.notify(value);
  }
  refs.pop(); // the last notification is remembered, by design
  return refs;
});

// Growth of long-lived objects under churn: 200,000 operations, heap measured before and after.
async function growth(name, churn) {
  await nextTask();
  const before = heap();
  churn();
  await nextTask();
  results[name] = { before, after: heap() };
}

await growth("Callbacks: 200,000 add/remove cycles on one list", () => {
  const list = Callbacks("unique memory");
  keep.push(list);
  list.fire("x");
  for (let i = 0; i < 200_000; i++) {
    const fn = () => i;
    list.add(fn);
    list.remove(fn);
  }
});

await growth("Deferred: 200,000 notifications of one pending deferred with listeners", () => {
  const dfd = Deferred();
  keep.push(dfd);
  let last;
  dfd.progress((value) => (last = value));
  keep.push(dfd.then(null, null, (value) => value));
  for (let i = 0; i < 200_000; i++) dfd.notify({ i });
  keep.push(last);
});

console.log(JSON.stringify(results));

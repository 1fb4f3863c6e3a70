/**
 * A yardstick, not a library: the least a jQuery-shaped deferred does in JavaScript, to measure
 * how much of jq-deferred's cost per `then` is the shape every such library shares and how much
 * is the rest of the contract.
 *
 *   BENCH_JOBS=then,chain,chainLong node bench/compare-instructions.mjs dist/index.js \
 *     bench/floor-probe.mjs
 *
 * What it keeps from jq-deferred: a deferred object wrapping a promise core; `then` and `resolve`
 * as getters returning a function made once per object, which works detached and keeps its
 * identity; a derived promise and a reaction record per `then`; Promises/A+ timing through a
 * FIFO queue of jobs stored flat in fixed-size blocks, drained in one microtask; a handler's
 * exception rejecting the derived promise. What it leaves out is everything else the contract
 * asks for: contexts and several values, progress, `done`/`fail`, adoption of returned thenables,
 * the checks that keep hostile receivers and values from breaking it, exception and async-error
 * hooks, async context, rejection tracking, other scheduling policies. It exports `Deferred`
 * alone; the `then`, `chain` and `chainLong` instruction workloads use nothing else.
 */

const SLOTS = 3;
const BLOCK_SLOTS = 256 * SLOTS;
const newBlock = () => ({ jobs: new Array(BLOCK_SLOTS), next: undefined });

let first = newBlock();
let last = first;
let head = 0;
let tail = 0;
let flushRequested = false;

function enqueue(reaction, state, value) {
  if (tail === BLOCK_SLOTS) {
    last = last.next = newBlock();
    tail = 0;
  }
  const jobs = last.jobs;
  const at = tail;
  jobs[at] = reaction;
  jobs[at + 1] = state;
  jobs[at + 2] = value;
  tail = at + SLOTS;
  if (!flushRequested) {
    flushRequested = true;
    queueMicrotask(drain);
  }
}

function drain() {
  while (head < tail || first !== last) {
    if (head === BLOCK_SLOTS) {
      const drained = first;
      first = drained.next;
      drained.next = undefined;
      head = 0;
    }
    const jobs = first.jobs;
    const at = head;
    const reaction = jobs[at];
    const state = jobs[at + 1];
    const value = jobs[at + 2];
    jobs[at] = jobs[at + 1] = jobs[at + 2] = undefined;
    head = at + SLOTS;
    reaction.run(state, value);
  }
  flushRequested = false;
  head = tail = 0;
}

const PENDING = 0;
const RESOLVED = 1;
const REJECTED = 2;

class Reaction {
  constructor(derived, onFulfilled, onRejected) {
    this.derived = derived;
    this.onFulfilled = onFulfilled;
    this.onRejected = onRejected;
  }

  run(state, value) {
    const handler = state === RESOLVED ? this.onFulfilled : this.onRejected;
    if (handler === undefined) {
      settle(this.derived, state, value);
      return;
    }
    let returned;
    try {
      returned = handler(value);
    } catch (error) {
      settle(this.derived, REJECTED, error);
      return;
    }
    settle(this.derived, RESOLVED, returned);
  }
}

class Core {
  constructor() {
    this.state = PENDING;
    this.value = undefined;
    this.reactions = undefined;
    this.thenMethod = undefined;
  }

  get then() {
    return (this.thenMethod ??= makeThen(this));
  }
}

function makeThen(core) {
  return function then(onFulfilled, onRejected) {
    const derived = new Core();
    const reaction = new Reaction(
      derived,
      typeof onFulfilled === "function" ? onFulfilled : undefined,
      typeof onRejected === "function" ? onRejected : undefined,
    );
    const reactions = core.reactions;
    if (core.state !== PENDING) enqueue(reaction, core.state, core.value);
    else if (reactions === undefined) core.reactions = reaction;
    else
      core.reactions = Array.isArray(reactions) ? [...reactions, reaction] : [reactions, reaction];
    return derived;
  };
}

function settle(core, state, value) {
  if (core.state !== PENDING) return;
  const reactions = core.reactions;
  core.state = state;
  core.value = value;
  core.reactions = undefined;
  if (reactions === undefined) return;
  if (!Array.isArray(reactions)) enqueue(reactions, state, value);
  else for (let i = 0; i < reactions.length; i++) enqueue(reactions[i], state, value);
}

class ProbeDeferred {
  constructor(core) {
    this.core = core;
    this.resolveMethod = undefined;
  }

  get then() {
    return this.core.then;
  }

  get resolve() {
    const deferred = this;
    return (this.resolveMethod ??= function resolve(value) {
      settle(deferred.core, RESOLVED, value);
      return this;
    });
  }
}

/** A pending deferred with `then` and `resolve`, nothing more. */
export function Deferred() {
  return new ProbeDeferred(new Core());
}

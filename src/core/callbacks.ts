/**
 * `Callbacks(flags)`: jQuery's callback list, with its exact semantics and one fix.
 *
 * The list keeps a FIFO queue of fires: a fire from inside a callback is queued and runs after
 * the current pass, over the whole list; callbacks added during a pass are reached in it; a removal
 * during a pass adjusts the firing position. Flags: `once` (fire once, then lock), `memory` (replay
 * the last fire to callbacks added later), `unique` (no duplicates), `stopOnFalse` (a callback
 * returning `false` ends the pass and, with `memory`, erases the memory).
 *
 * The fix: a callback that throws does not wedge the list. The rest of the pass and the queued
 * fires still run, and the first exception is rethrown to the caller of `fire`/`add` afterwards.
 * (In jQuery the list is left "firing" forever and every later fire is silently dropped.)
 */
import { type AnyFunction, argumentList, collectFunctions, describe } from "./invoke.js";
import type { Callback, CallbackInput, ValuesOf } from "./types.js";

/**
 * The four flags, as an object. Falsy or missing keys are off; other keys are ignored.
 *
 * @example
 * const flags: CallbacksFlags = { once: true, memory: true }; // same as Callbacks("once memory")
 * const list = Callbacks<string>(flags);
 */
export interface CallbacksFlags {
  /** Fire at most once; later fires are ignored (the list locks after its first fire). */
  once?: boolean;
  /** Remember the last fire and call callbacks added later with it at once. */
  memory?: boolean;
  /** Add each callback at most once; adding it again does nothing. */
  unique?: boolean;
  /** End a fire when a callback returns `false` (and, with `memory`, forget that fire). */
  stopOnFalse?: boolean;
}

/**
 * A callback list created by {@link Callbacks}, typed by the values it is fired with: a tuple of
 * values (`Callbacks<[event: string, count: number]>`) or one value's type (`Callbacks<string>`).
 *
 * @example
 * const clicks: Callbacks<[event: string, count: number]> = Callbacks("memory");
 * clicks.add((event, count) => console.log(event, count + 1));
 * clicks.fire("click", 1);
 */
export interface Callbacks<TArgs = unknown[]> {
  /**
   * Adds callbacks (functions or nested arrays of them). On a list with memory that has fired, the
   * new callbacks are called at once with the remembered values. Returns the object it was called on.
   *
   * @example
   * list.add(a, [b, c]);
   */
  add(...callbacks: CallbackInput<Callback<ValuesOf<TArgs>>>[]): this;
  /**
   * Removes every occurrence of each callback, safely even during a fire.
   *
   * @example
   * list.remove(a);
   */
  remove(...callbacks: Callback<ValuesOf<TArgs>>[]): this;
  /**
   * Whether the callback is in the list; without an argument, whether the list has any callback.
   *
   * @example
   * list.has(a); // true
   */
  has(callback?: Callback<ValuesOf<TArgs>>): boolean;
  /**
   * Removes all callbacks (keeps flags and memory); during a fire, ends the pass.
   *
   * @example
   * list.empty();
   */
  empty(): this;
  /**
   * Disables the list for good: aborts the current pass, drops callbacks, memory and queued fires.
   *
   * @example
   * list.disable();
   */
  disable(): this;
  /**
   * Whether the list is disabled (also true after `lock()` without memory, and after a `once`
   * list without memory has fired, as in jQuery).
   *
   * @example
   * list.disabled(); // false
   */
  disabled(): boolean;
  /**
   * Stops all future fires (a pass under way finishes). With memory, `add` still replays the
   * remembered values; without, the list is disabled.
   *
   * @example
   * list.lock();
   */
  lock(): this;
  /**
   * Whether the list is locked (after `lock()`, `disable()`, or the first fire of a `once` list).
   *
   * @example
   * list.locked(); // false
   */
  locked(): boolean;
  /**
   * Calls every callback with `context` as `this` and the values of `args` (an array is copied).
   * A fire from inside a callback is queued until the current pass ends.
   *
   * @example
   * list.fireWith(element, ["clicked", 2]);
   */
  fireWith(context?: unknown, args?: Readonly<ValuesOf<TArgs>>): this;
  /**
   * Calls every callback with the given values, and the object `fire` was called on as `this`.
   *
   * @example
   * list.fire("clicked", 2);
   */
  fire(...args: ValuesOf<TArgs>): this;
  /**
   * Whether the list has been fired at least once.
   *
   * @example
   * list.fired(); // true
   */
  fired(): boolean;
}

interface ParsedFlags {
  once: boolean;
  memory: boolean;
  unique: boolean;
  stopOnFalse: boolean;
}

/** One fire waiting in, or being run from, the queue: its context and its values. */
type Fire = readonly [context: unknown, args: ArrayLike<unknown>];

function parseFlags(flags: unknown): ParsedFlags {
  let source: Record<string, unknown>;
  if (flags === undefined || flags === null) {
    source = {};
  } else if (typeof flags === "string") {
    source = {};
    for (const word of flags.match(/[^\x20\t\r\n\f]+/g) ?? []) source[word] = true;
  } else if (typeof flags === "object") {
    source = flags as Record<string, unknown>;
  } else {
    throw new TypeError(
      `Callbacks(flags): flags must be a string such as "once memory" or an object, got ${describe(flags)}`,
    );
  }
  return {
    once: !!source["once"],
    memory: !!source["memory"],
    unique: !!source["unique"],
    stopOnFalse: !!source["stopOnFalse"],
  };
}

/**
 * Why the list calls its callbacks through a private slot: V8 inlines a callback only at a call
 * site that has seen that callback. `fn.call(list, value)` and `Reflect.apply` record nothing about
 * `fn`, so every callback would cost a full, opaque call. A call written `list.#callee(value)`
 * passes the list as `this` exactly like `fn.call(list, value)`, and its site learns the callbacks,
 * so lists of callbacks that share code run them inlined. The list object stays a plain object
 * with no visible property: `PrivateSlot` hands back the object it is given, so the subclass's
 * constructor adds its private field to that object.
 */
class PrivateSlot {
  constructor(target: object) {
    return target;
  }
}

class CalleeSlot extends PrivateSlot {
  #callee: AnyFunction | undefined;

  /** Gives `target` the slot and returns it, still typed as itself. */
  static addTo<T extends object>(target: T): T {
    return new CalleeSlot(target) as unknown as T;
  }

  /** Calls `fn` with `holder` as `this` and one value (`holder` must have been given the slot). */
  static callOn(holder: object, fn: AnyFunction, value: unknown): unknown {
    (holder as CalleeSlot).#callee = fn;
    return (holder as CalleeSlot).#callee!(value);
  }

  /** Forgets the last callback, so the list does not keep a removed callback alive. */
  static clear(holder: object): void {
    (holder as CalleeSlot).#callee = undefined;
  }
}

/**
 * Creates a callback list. `flags` is a space-separated string (`"once memory"`) or an object
 * (`{ once: true, memory: true }`), copied at creation; unknown flags are ignored, as in jQuery.
 * Every method keeps working when detached from the list.
 *
 * @example
 * const list = Callbacks<string>("memory");
 * list.fire("hello");
 * list.add((word) => console.log(word)); // logs "hello" at once
 */
export function Callbacks<TArgs = unknown[]>(flags?: string | CallbacksFlags): Callbacks<TArgs> {
  const options = parseFlags(flags);
  /** `undefined` once the list is destroyed (disabled). */
  let list: AnyFunction[] | undefined = [];
  let queue: Fire[] = [];
  /** The fire being run, or the remembered last fire on a `memory` list. */
  let memory: Fire | undefined;
  let firing = false;
  let firingIndex = -1;
  let locked = false;
  let fired = false;
  /**
   * On a `unique` list, the set of its callbacks, so that `add` checks membership in O(1) instead
   * of scanning the list. It describes the array `membersOf`; when the list has been replaced (by
   * `empty`, `lock`, …) it is rebuilt from the new one on the next `add`.
   */
  let members: Set<AnyFunction> | undefined;
  let membersOf: AnyFunction[] | undefined;

  /** Runs `first`, then the fires queued meanwhile, each over the whole list. */
  function drain(first: Fire): void {
    locked ||= options.once;
    fired = firing = true;
    let failed = false;
    let firstError: unknown;
    for (
      let current: Fire | undefined = first;
      current !== undefined;
      firingIndex = -1, current = queue.shift()
    ) {
      memory = current;
      // The pass itself runs outside any try block, which keeps its loop tight. An exception
      // ends the attempt and is remembered; firingIndex still points at the callback that threw,
      // so the next attempt resumes the pass right after it.
      for (;;) {
        try {
          runPass(current[0], current[1]);
          break;
        } catch (error) {
          if (!failed) {
            failed = true;
            firstError = error;
          }
        }
      }
    }
    CalleeSlot.clear(self);
    if (!options.memory) memory = undefined;
    firing = false;
    if (locked) list = memory ? [] : undefined;
    if (failed) throw firstError;
  }

  function append(to: AnyFunction[], fn: AnyFunction): void {
    if (options.unique) {
      if (membersOf !== to) {
        members = new Set(to);
        membersOf = to;
      }
      if (members!.has(fn)) return;
      members!.add(fn);
    }
    to.push(fn);
  }

  /**
   * Calls the callbacks from `firingIndex + 1` on. A fire of one value, the common case, uses a
   * call V8 can inline: through the list's slot when `this` is the list (`list.fire(value)`), a
   * plain call when it is undefined (a detached `fire`).
   */
  function runPass(context: unknown, args: ArrayLike<unknown>): void {
    const stopOnFalse = options.stopOnFalse;
    const single = args.length === 1;
    const onList = single && context === self;
    const unbound = single && context === undefined;
    const value = args[0];
    while (list !== undefined && ++firingIndex < list.length) {
      const fn = list[firingIndex]!;
      const result = onList
        ? CalleeSlot.callOn(self, fn, value)
        : unbound
          ? fn(value)
          : single
            ? fn.call(context, value)
            : Reflect.apply(fn, context, args);
      if (result === false && stopOnFalse) {
        // The callback may have disabled the list (list undefined), which ends the pass anyway.
        if (list !== undefined) firingIndex = list.length;
        memory = undefined;
      }
    }
  }

  const self = CalleeSlot.addTo<Callbacks<TArgs>>({
    add(...callbacks) {
      if (list !== undefined) {
        const replay = firing ? undefined : memory;
        const lastBefore = list.length - 1;
        if (callbacks.length === 1 && typeof callbacks[0] === "function") {
          // The common single function needs no walk over nested lists.
          append(list, callbacks[0] as AnyFunction);
        } else {
          for (const fn of collectFunctions(callbacks, [])) append(list, fn);
        }
        if (replay !== undefined) {
          // Only the callbacks just added are called with the remembered values.
          firingIndex = lastBefore;
          drain(replay);
        }
      }
      return this;
    },
    remove(...callbacks) {
      for (const fn of callbacks) {
        let index = 0;
        while (list !== undefined && (index = list.indexOf(fn as AnyFunction, index)) > -1) {
          list.splice(index, 1);
          if (index <= firingIndex) firingIndex--;
        }
        if (list !== undefined && membersOf === list) members!.delete(fn as AnyFunction);
      }
      return this;
    },
    has(fn) {
      if (list === undefined) return false;
      return fn ? list.includes(fn as AnyFunction) : list.length > 0;
    },
    empty() {
      if (list !== undefined) list = [];
      return this;
    },
    disable() {
      locked = true;
      queue = [];
      list = memory = undefined;
      return this;
    },
    disabled() {
      return list === undefined;
    },
    lock() {
      locked = true;
      queue = [];
      if (memory === undefined && !firing) list = undefined;
      return this;
    },
    locked() {
      return locked;
    },
    fireWith(context, args) {
      if (!locked) {
        const entry: Fire = [context, argumentList(args, "fireWith")];
        if (firing) queue.push(entry);
        else drain(entry);
      }
      return this;
    },
    fire(...args) {
      self.fireWith(this, args);
      return this;
    },
    fired() {
      return fired;
    },
  });
  return self;
}

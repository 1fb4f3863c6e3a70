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
import { type AnyFunction, ErrorCollector } from "./errors.js";
import { argumentList, collectFunctions, describe } from "./values.js";
import type { CallbackInput, ListCallback, ValuesOf } from "./types.js";

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
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md)
export interface Callbacks<TArgs = any[], TCallback = ListCallback<ValuesOf<TArgs>>> {
  /**
   * Adds callbacks (functions or nested arrays of them). On a list with memory that has fired, the
   * new callbacks are called at once with the remembered values. Returns the object it was called on.
   *
   * @example
   * list.add(a, [b, c]);
   */
  add(...callbacks: CallbackInput<TCallback>[]): this;
  /**
   * Removes every occurrence of each callback, safely even during a fire.
   *
   * @example
   * list.remove(a);
   */
  remove(...callbacks: TCallback[]): this;
  /**
   * Whether the callback is in the list; without an argument, whether the list has any callback.
   *
   * @example
   * list.has(a); // true
   */
  has(callback?: TCallback): boolean;
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
 * The state and behaviour of one list. The list object handed to users is a plain object whose
 * methods are closures over one of these; keeping the work in methods shared by every list
 * (rather than in closures made per list) lets V8 optimize the firing loop once for all lists.
 */
class CallbackList {
  /** `undefined` once the list is destroyed (disabled). */
  #list: AnyFunction[] | undefined = [];
  #queue: Fire[] = [];
  /** The fire being run, or the remembered last fire on a `memory` list. */
  #memory: Fire | undefined = undefined;
  #firing = false;
  #firingIndex = -1;
  #locked = false;
  #fired = false;
  /**
   * On a `unique` list, the set of its callbacks, so that `add` checks membership in O(1) instead
   * of scanning the list. It describes the array `#membersOf`; when the list has been replaced (by
   * `empty`, `lock`, …) it is rebuilt from the new one on the next `add`.
   */
  #members: Set<AnyFunction> | undefined = undefined;
  #membersOf: AnyFunction[] | undefined = undefined;
  /** The list object, which has the call slot: the `this` of `list.fire(...)`. */
  #owner: object | undefined = undefined;

  readonly #options: ParsedFlags;

  private constructor(options: ParsedFlags) {
    this.#options = options;
  }

  /** The list object users get: a plain object with jQuery's eleven methods, over a new state. */
  static create<TArgs>(options: ParsedFlags): Callbacks<TArgs> {
    const state = new CallbackList(options);
    const self = CalleeSlot.addTo<Callbacks<TArgs>>({
      add(...callbacks) {
        state.#add(callbacks);
        return this;
      },
      remove(...callbacks) {
        state.#remove(callbacks);
        return this;
      },
      has(fn) {
        return state.#has(fn);
      },
      empty() {
        state.#empty();
        return this;
      },
      disable() {
        state.#disable();
        return this;
      },
      disabled() {
        return state.#list === undefined;
      },
      lock() {
        state.#lock();
        return this;
      },
      locked() {
        return state.#locked;
      },
      fireWith(context, args) {
        if (!state.#locked) state.#fire(context, argumentList(args, "fireWith"));
        return this;
      },
      fire(...args) {
        self.fireWith(this, args);
        return this;
      },
      fired() {
        return state.#fired;
      },
    });
    state.#owner = self;
    return self;
  }

  #add(callbacks: ArrayLike<unknown>): void {
    const list = this.#list;
    if (list === undefined) return;
    const replay = this.#firing ? undefined : this.#memory;
    const lastBefore = list.length - 1;
    if (callbacks.length === 1 && typeof callbacks[0] === "function") {
      // The common single function needs no walk over nested lists.
      this.#append(list, callbacks[0] as AnyFunction);
    } else {
      for (const fn of collectFunctions(callbacks, [], "add")) this.#append(list, fn);
    }
    if (replay !== undefined) {
      // Only the callbacks just added are called with the remembered values.
      this.#firingIndex = lastBefore;
      this.#drain(replay);
    }
  }

  #remove(callbacks: readonly unknown[]): void {
    const list = this.#list;
    if (list === undefined) return;
    for (const fn of callbacks) {
      let index = 0;
      while ((index = list.indexOf(fn as AnyFunction, index)) > -1) {
        list.splice(index, 1);
        if (index <= this.#firingIndex) this.#firingIndex--;
      }
      if (this.#membersOf === list) this.#members!.delete(fn as AnyFunction);
    }
  }

  #has(fn: unknown): boolean {
    const list = this.#list;
    if (list === undefined) return false;
    return fn ? list.includes(fn as AnyFunction) : list.length > 0;
  }

  #empty(): void {
    if (this.#list !== undefined) this.#replaceList([]);
  }

  #disable(): void {
    this.#locked = true;
    this.#queue = [];
    this.#memory = undefined;
    this.#replaceList(undefined);
  }

  #lock(): void {
    this.#locked = true;
    this.#queue = [];
    if (this.#memory === undefined && !this.#firing) this.#replaceList(undefined);
  }

  /**
   * Replaces the list (emptied, or destroyed with `undefined`), dropping the `unique` membership
   * set with it, so that the callbacks it held can be collected as in jQuery.
   */
  #replaceList(list: AnyFunction[] | undefined): void {
    this.#list = list;
    this.#members = this.#membersOf = undefined;
  }

  #fire(context: unknown, args: ArrayLike<unknown>): void {
    if (this.#locked) return;
    const entry: Fire = [context, args];
    if (this.#firing) this.#queue.push(entry);
    else this.#drain(entry);
  }

  #append(to: AnyFunction[], fn: AnyFunction): void {
    if (this.#options.unique) {
      if (this.#membersOf !== to) {
        this.#members = new Set(to);
        this.#membersOf = to;
      }
      // One hash lookup instead of has() then add(): the set grows only for a new callback.
      const members = this.#members!;
      const size = members.size;
      if (members.add(fn).size === size) return;
    }
    to.push(fn);
  }

  /** Runs `first`, then the fires queued meanwhile, each over the whole list. */
  #drain(first: Fire): void {
    this.#locked ||= this.#options.once;
    this.#fired = this.#firing = true;
    const errors = new ErrorCollector();
    for (
      let current: Fire | undefined = first;
      current !== undefined;
      this.#firingIndex = -1, current = this.#queue.shift()
    ) {
      this.#memory = current;
      // The pass itself runs outside any try block, which keeps its loop tight. An exception
      // ends the attempt and is remembered; firingIndex still points at the callback that threw,
      // so the next attempt resumes the pass right after it.
      for (;;) {
        try {
          this.#runPass(current[0], current[1]);
          break;
        } catch (error) {
          errors.add(error);
        }
      }
    }
    CalleeSlot.clear(this.#owner!);
    if (!this.#options.memory) this.#memory = undefined;
    this.#firing = false;
    if (this.#locked) this.#replaceList(this.#memory ? [] : undefined);
    errors.rethrow();
  }

  /**
   * Calls the callbacks from `firingIndex + 1` on. A fire of one value, the common case, uses a
   * call V8 can inline: through the list object's slot when `this` is the list
   * (`list.fire(value)`), a plain call when it is undefined (a detached `fire`).
   */
  #runPass(context: unknown, args: ArrayLike<unknown>): void {
    const stopOnFalse = this.#options.stopOnFalse;
    const single = args.length === 1;
    const owner = this.#owner!;
    const onOwner = single && context === owner;
    const unbound = single && context === undefined;
    const value = args[0];
    let list: AnyFunction[] | undefined;
    // `this.#list` is read again after every callback: a callback may empty or disable the list.
    while ((list = this.#list) !== undefined && ++this.#firingIndex < list.length) {
      const fn = list[this.#firingIndex]!;
      // Never `fn.call`/`fn.apply`: a callback's own `call` or `apply` property is not consulted
      // (documented difference 13).
      const result = onOwner
        ? CalleeSlot.callOn(owner, fn, value)
        : unbound
          ? fn(value)
          : Reflect.apply(fn, context, args);
      if (result === false && stopOnFalse) {
        // The callback may have disabled the list (list undefined), which ends the pass anyway.
        if (this.#list !== undefined) this.#firingIndex = this.#list.length;
        this.#memory = undefined;
      }
    }
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
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped values are any (docs/types.md)
export function Callbacks<TArgs = any[]>(flags?: string | CallbacksFlags): Callbacks<TArgs> {
  return CallbackList.create<TArgs>(parseFlags(flags));
}

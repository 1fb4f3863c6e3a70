/**
 * setScheduler / getScheduler: when `then` callbacks run. The default drains every pending
 * callback in one microtask; "jquery" gives jQuery 4's one-setTimeout-per-callback timing; a
 * function takes over scheduling. Switching never loses queued callbacks.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Deferred, getScheduler, setScheduler } from "../../src/index.js";
import { nextTurn, turns } from "./helpers.js";

afterEach(() => {
  setScheduler("microtask");
});

describe("getScheduler", () => {
  it('returns "microtask" by default', () => {
    expect(getScheduler()).toBe("microtask");
  });

  it("returns the setting last given to setScheduler", () => {
    const custom = (task: () => void) => setTimeout(task);
    setScheduler("jquery");
    expect(getScheduler()).toBe("jquery");
    setScheduler(custom);
    expect(getScheduler()).toBe(custom);
  });
});

describe("setScheduler", () => {
  it('rejects anything but "microtask", "jquery" or a function with a TypeError naming the setting', () => {
    for (const bad of ["setTimeout", "", 0, null, undefined, {}]) {
      expect(() => setScheduler(bad as never)).toThrow(TypeError);
      expect(() => setScheduler(bad as never)).toThrow(/setScheduler/);
    }
    expect(getScheduler()).toBe("microtask");
  });

  describe('"microtask" (the default)', () => {
    it("runs then callbacks after the current code but before timers set earlier", async () => {
      const order: string[] = [];
      setTimeout(() => order.push("timer"));
      Deferred()
        .resolve()
        .then(() => order.push("then"));
      order.push("sync");
      await turns(2);
      expect(order).toEqual(["sync", "then", "timer"]);
    });

    it("runs a whole chain of then callbacks before a timer set earlier fires", async () => {
      const order: string[] = [];
      setTimeout(() => order.push("timer"));
      Deferred()
        .resolve(0)
        .then((n) => (order.push("hop 1"), (n as number) + 1))
        .then((n) => (order.push("hop 2"), (n as number) + 1))
        .then((n) => order.push(`hop 3 got ${String(n)}`));
      await turns(2);
      expect(order).toEqual(["hop 1", "hop 2", "hop 3 got 2", "timer"]);
    });

    it("drains every queued callback in one microtask, ahead of a native reaction queued after them", async () => {
      const order: string[] = [];
      const dfd = Deferred();
      dfd.then(() => order.push("then 1")).then(() => order.push("then 2"));
      dfd.resolve();
      void Promise.resolve().then(() => order.push("native"));
      await nextTurn();
      expect(order).toEqual(["then 1", "then 2", "native"]);
    });

    it("requests its microtask when the first callback is queued, as native promises queue theirs", async () => {
      // Each program runs twice, on a deferred and on a native promise; the microtasks queued
      // around it must interleave the same way. A resolve that queues nothing (no then callback
      // yet, or a deferred already settled) must not request the drain early.
      type Settable = { then(fn: () => void): unknown; resolve(value: number): void };
      const native = (): Settable => {
        let resolve!: (value: number) => void;
        const promise = new Promise<number>((r) => (resolve = r));
        return { then: (fn) => promise.then(fn), resolve };
      };
      const deferred = (): Settable => {
        const dfd = Deferred<number>();
        return { then: (fn) => dfd.then(fn), resolve: (value) => void dfd.resolve(value) };
      };
      const programs: ((make: () => Settable, log: string[]) => void)[] = [
        (make, log) => {
          const p = make();
          p.then(() => log.push("then"));
          queueMicrotask(() => log.push("before"));
          p.resolve(1);
          queueMicrotask(() => log.push("after"));
        },
        (make, log) => {
          const p = make();
          p.resolve(1);
          p.resolve(2);
          queueMicrotask(() => log.push("before"));
          p.then(() => log.push("then"));
        },
        (make, log) => {
          const p = make();
          p.resolve(1);
          queueMicrotask(() => log.push("before"));
          p.then(() => log.push("then 1"));
          p.then(() => log.push("then 2"));
        },
      ];
      for (const program of programs) {
        const expected: string[] = [];
        program(native, expected);
        await nextTurn();
        const actual: string[] = [];
        program(deferred, actual);
        await nextTurn();
        expect(actual).toEqual(expected);
      }
    });

    it("runs thousands of queued callbacks in FIFO order, including those queued while draining", async () => {
      const dfd = Deferred();
      const order: number[] = [];
      for (let i = 0; i < 3000; i++) {
        dfd.then(() => {
          order.push(i);
          if (i % 1000 === 0)
            Deferred()
              .resolve()
              .then(() => order.push(3000 + i));
        });
      }
      dfd.resolve();
      await nextTurn();
      const expected = Array.from({ length: 3000 }, (_, i) => i);
      expected.push(3000, 4000, 5000);
      expect(order).toEqual(expected);
    });
  });

  describe('"jquery"', () => {
    it("runs each then callback in its own setTimeout, after timers set earlier", async () => {
      setScheduler("jquery");
      const order: string[] = [];
      setTimeout(() => order.push("timer"));
      Deferred()
        .resolve()
        .then(() => order.push("then"));
      await Promise.resolve();
      expect(order).toEqual([]);
      await turns(3);
      expect(order).toEqual(["timer", "then"]);
    });

    it("interleaves the hops of a chain with other timers, one macrotask per hop", async () => {
      setScheduler("jquery");
      const order: string[] = [];
      Deferred()
        .resolve()
        .then(() => order.push("A"))
        .then(() => order.push("B"));
      setTimeout(() => order.push("T"));
      await turns(4);
      expect(order).toEqual(["A", "T", "B"]);
    });

    it("delivers progress through then asynchronously too", async () => {
      setScheduler("jquery");
      const seen: unknown[] = [];
      const dfd = Deferred();
      dfd.then(null, null, (value) => seen.push(value));
      dfd.notify("tick");
      await Promise.resolve();
      expect(seen).toEqual([]);
      await turns(2);
      expect(seen).toEqual(["tick"]);
    });
  });

  describe("a custom function", () => {
    it("is called once per then callback with a task that runs it", async () => {
      const tasks: Array<() => void> = [];
      setScheduler((task) => tasks.push(task));
      const seen: unknown[] = [];
      const dfd = Deferred();
      dfd.then((value) => seen.push(`a ${String(value)}`));
      dfd.then((value) => seen.push(`b ${String(value)}`));
      dfd.resolve(1);
      expect(tasks).toHaveLength(2);
      await nextTurn();
      expect(seen).toEqual([]);
      tasks[0]!();
      expect(seen).toEqual(["a 1"]);
      tasks[1]!();
      expect(seen).toEqual(["a 1", "b 1"]);
    });

    it("keeps callbacks in FIFO order whatever order it runs the tasks in", () => {
      const tasks: Array<() => void> = [];
      setScheduler((task) => tasks.push(task));
      const seen: number[] = [];
      const dfd = Deferred();
      for (let i = 1; i <= 3; i++) dfd.then(() => seen.push(i));
      dfd.resolve();
      for (const task of tasks.reverse()) task();
      expect(seen).toEqual([1, 2, 3]);
    });

    it("can be synchronous-looking (setImmediate) and still sees every hop", async () => {
      setScheduler((task) => setImmediate(task));
      const result = await Deferred()
        .resolve(1)
        .then((n) => (n as number) + 1)
        .then((n) => (n as number) * 10);
      expect(result).toBe(20);
    });
  });

  describe("switching", () => {
    it("callbacks queued under the microtask scheduler still run if the setting changes before they do", async () => {
      const order: string[] = [];
      Deferred()
        .resolve()
        .then(() => order.push("queued before the switch"));
      setScheduler("jquery");
      setTimeout(() => order.push("timer"));
      await turns(2);
      expect(order).toEqual(["queued before the switch", "timer"]);
    });

    it("callbacks a custom scheduler never ran are run by the next policy, once", async () => {
      const tasks: Array<() => void> = [];
      setScheduler((task) => tasks.push(task));
      const order: string[] = [];
      Deferred()
        .resolve()
        .then(() => order.push("stranded"));
      setScheduler("microtask");
      Deferred()
        .resolve()
        .then(() => order.push("new"));
      await nextTurn();
      expect(order).toEqual(["stranded", "new"]);
      for (const task of tasks) task();
      expect(order).toEqual(["stranded", "new"]);
    });

    it('callbacks queued under "jquery" are run by a microtask drain if it reaches them first', async () => {
      setScheduler("jquery");
      const order: string[] = [];
      Deferred()
        .resolve()
        .then(() => order.push("queued under jquery"));
      setScheduler("microtask");
      Deferred()
        .resolve()
        .then(() => order.push("queued under microtask"));
      await Promise.resolve();
      expect(order).toEqual(["queued under jquery", "queued under microtask"]);
      await turns(2);
      expect(order).toEqual(["queued under jquery", "queued under microtask"]);
    });
  });
});

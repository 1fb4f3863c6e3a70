/**
 * The corpus, `Callbacks` part (see deferred.test-d.ts for the conventions).
 */
import { describe, expectTypeOf, test } from "vitest";
import { $ } from "./jquery.js";

declare function show(...values: unknown[]): void;
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as jQuery-era code has them
declare const legacyHandler: Function;

describe("corpus: Callbacks", () => {
  test("c01 fire with a message", () => {
    const callbacks = $.Callbacks();
    callbacks.add((message) => {
      expectTypeOf(message).toBeAny();
      show(message.toUpperCase());
    });
    callbacks.fire("hello");
  });

  test("c02 once memory", () => {
    const ready = $.Callbacks("once memory");
    ready.fire({ user: "ada" });
    ready.add((state) => show(state.user));
  });

  test("c03 a topic system (pub/sub)", () => {
    const createTopic = () => $.Callbacks();
    const topics: Record<string, ReturnType<typeof createTopic>> = {};
    function topic(id: string) {
      return (topics[id] ??= createTopic());
    }
    topic("mail").add((from, subject) => show(from, subject));
    topic("mail").fire("ada@example.com", "Hi");
  });

  test("c04 remove, has, empty", () => {
    const list = $.Callbacks();
    const fn = (value: string) => show(value);
    list.add(fn);
    if (list.has(fn)) list.remove(fn);
    list.empty();
    expectTypeOf(list.has()).toBeBoolean();
  });

  test("c05 a callback typed Function", () => {
    const list = $.Callbacks();
    list.add(legacyHandler);
    list.remove(legacyHandler);
  });

  test("c06 stopOnFalse", () => {
    const list = $.Callbacks("stopOnFalse");
    list.add((value) => value !== "stop");
    list.fire("stop");
  });

  test("c07 fireWith a context and arguments", () => {
    const list = $.Callbacks();
    list.add(function (this: { name: string }, greeting) {
      show(greeting + this.name);
    });
    list.fireWith({ name: "Ada" }, ["Hello "]);
  });

  test("c08 lock, disable, fired", () => {
    const list = $.Callbacks("memory");
    list.fire(1).lock();
    show(list.locked(), list.disabled(), list.fired());
    list.disable();
  });

  test("c09 flags as an object", () => {
    const list = $.Callbacks({ unique: true });
    list.add(show, show);
  });

  test("c10 callbacks in arrays", () => {
    const list = $.Callbacks();
    list.add([(a) => show(a), [(a) => show(a)]]);
  });
});

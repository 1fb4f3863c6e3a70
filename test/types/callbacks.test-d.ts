/**
 * Type tests of `Callbacks`: the list is typed by the values it is fired with, for `add`, `fire`,
 * `fireWith`, `remove` and `has`.
 */
import { describe, expectTypeOf, test } from "vitest";
import { Callbacks } from "../../src/index.js";

describe("Callbacks<Args>", () => {
  test("a tuple types fire and the callbacks' parameters, by position", () => {
    const list = Callbacks<[event: string, count: number]>("memory");
    list.add((event, n) => {
      expectTypeOf(event).toEqualTypeOf<string>();
      expectTypeOf(n).toEqualTypeOf<number>();
    });
    list.fire("click", 2);
    list.fireWith(document, ["click", 2]);
    expectTypeOf(list.fire).parameters.toEqualTypeOf<[event: string, count: number]>();
    // @ts-expect-error the second value must be a number
    list.fire("click", "2");
    // @ts-expect-error the args of fireWith are typed too
    list.fireWith(document, ["click"]);
    // @ts-expect-error a callback must accept what is fired
    list.add((event: number) => event);
  });

  test("a single type means one value", () => {
    const list = Callbacks<string>();
    list.add((word) => expectTypeOf(word).toEqualTypeOf<string>());
    list.fire("hello");
    // @ts-expect-error one string
    list.fire(1);
  });

  test("add, remove and has take the same callbacks; add accepts nested arrays", () => {
    const list = Callbacks<number>("unique");
    const log = (n: number) => console.log(n);
    list.add(log, [log, [log]]);
    list.remove(log);
    expectTypeOf(list.has(log)).toEqualTypeOf<boolean>();
    expectTypeOf(list.has()).toEqualTypeOf<boolean>();
    // @ts-expect-error removing a callback of other values
    list.remove((s: string) => s);
  });

  test("every mutator returns the list, for chaining", () => {
    const list = Callbacks<number>();
    expectTypeOf(
      list
        .add(() => undefined)
        .fire(1)
        .lock()
        .empty()
        .disable(),
    ).toEqualTypeOf(list);
    expectTypeOf(list.fired()).toEqualTypeOf<boolean>();
  });

  test("flags are a string or an object of the four known flags", () => {
    Callbacks("once memory");
    Callbacks({ once: true, stopOnFalse: true });
    // @ts-expect-error flags are a string or an object
    Callbacks(123);
  });

  test("an untyped list accepts any values and callbacks that declare their parameters", () => {
    const list = Callbacks();
    list.add((text: string, n: number) => text.repeat(n));
    list.fire("a", 2, "anything");
  });

  test("an untyped list accepts a value typed Function, a typed list does not", () => {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the legacy type under test
    const legacy: Function = () => undefined;
    Callbacks().add(legacy);
    Callbacks().remove(legacy);
    expectTypeOf(Callbacks().has(legacy)).toEqualTypeOf<boolean>();
    // @ts-expect-error a typed list needs a callback of its values
    Callbacks<string>().add(legacy);
  });

  test("lists stay assignable by their values", () => {
    expectTypeOf(Callbacks<number>()).toExtend<Callbacks<[number]>>();
    expectTypeOf(Callbacks<[number]>()).toExtend<Callbacks>();
  });
});

/**
 * Type tests of the settings around the core: `Deferred`'s hook properties and the scheduler.
 */
import { describe, expectTypeOf, test } from "vitest";
import {
  Deferred,
  defaultExceptionHook,
  type ExceptionHook,
  getScheduler,
  type SchedulerSetting,
  setScheduler,
} from "../../src/index.js";

describe("Deferred.exceptionHook and Deferred.getErrorHook", () => {
  test("take a hook, or null/undefined to switch it off", () => {
    Deferred.exceptionHook = (error, asyncError) => {
      expectTypeOf(error).toEqualTypeOf<unknown>();
      expectTypeOf(asyncError).toEqualTypeOf<unknown>();
    };
    Deferred.exceptionHook = defaultExceptionHook;
    Deferred.exceptionHook = undefined;
    Deferred.getErrorHook = () => new Error("scheduled here");
    Deferred.getErrorHook = null;
    expectTypeOf(defaultExceptionHook).toEqualTypeOf<ExceptionHook>();
    // @ts-expect-error a hook is a function
    Deferred.exceptionHook = "warn";
  });
});

describe("setScheduler and getScheduler", () => {
  test("accept the two policy names or a function that runs a task later", () => {
    setScheduler("jquery");
    setScheduler("microtask");
    setScheduler((task) => {
      expectTypeOf(task).toEqualTypeOf<() => void>();
      setTimeout(task);
    });
    expectTypeOf(getScheduler()).toEqualTypeOf<SchedulerSetting>();
    // @ts-expect-error only "microtask", "jquery" or a function
    setScheduler("eventually");
  });
});

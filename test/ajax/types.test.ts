/**
 * The ajax types follow the user's data type through every callback. The `expectTypeOf` lines are
 * checked by the type checker (`npm run typecheck` / `tsc -p .`); each test also runs a real
 * request so that the runtime values match the static types.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from "vitest";
import * as $ from "../../src/index.js";
import { startServer, type TestServer } from "./server.js";

interface Answer {
  name: string;
  answer: number;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  $.ajaxSetup({ baseUrl: server.url });
});
afterAll(() => {
  $.ajaxReset();
  return server.close();
});

describe("ajax<T> types", () => {
  test("done callbacks receive (data: T, textStatus, jqXHR: JqXHR<T>)", async () => {
    const request = $.ajax<Answer>("json");
    expectTypeOf(request).toEqualTypeOf<$.JqXHR<Answer>>();
    const seen = await new Promise<number>((resolve) => {
      request.done((data, textStatus, jqXHR) => {
        expectTypeOf(data).toEqualTypeOf<Answer>();
        expectTypeOf(textStatus).toEqualTypeOf<$.SuccessTextStatus>();
        expectTypeOf(jqXHR).toEqualTypeOf<$.JqXHR<Answer>>();
        resolve(data.answer);
      });
    });
    expect(seen).toBe(42);
  });

  test("fail callbacks receive (jqXHR, textStatus, errorThrown: string); jqXHR.ajaxError is typed", async () => {
    const [thrown, error] = await new Promise<[unknown, $.AjaxError | undefined]>((resolve) => {
      $.ajax<Answer>("404-json").fail((jqXHR, textStatus, errorThrown) => {
        expectTypeOf(jqXHR).toEqualTypeOf<$.JqXHR<Answer>>();
        expectTypeOf(textStatus).toEqualTypeOf<$.ErrorTextStatus>();
        expectTypeOf(errorThrown).toEqualTypeOf<string>();
        expectTypeOf(jqXHR.ajaxError).toEqualTypeOf<$.AjaxError | undefined>();
        resolve([errorThrown, jqXHR.ajaxError]);
      });
    });
    expect(thrown).toBe("Not Found");
    expect(error).toBeInstanceOf($.HttpError);
  });

  test("a callback expecting another data type is a compile error", () => {
    const request = $.ajax<Answer>("json");
    // @ts-expect-error data is an Answer, not a number
    request.done((data: number) => data);
    // @ts-expect-error the success option is typed by T too
    $.ajax<Answer>({ url: "json", success: (data: string) => data });
    expect(request).toBeDefined();
  });

  test("progress callbacks receive (loaded: number, total: number | undefined)", () => {
    const request = $.ajax("json").progress((loaded, total) => {
      expectTypeOf(loaded).toEqualTypeOf<number>();
      expectTypeOf(total).toEqualTypeOf<number | undefined>();
    });
    expect(request.state()).toBe("pending");
  });

  test("await and then see the data", async () => {
    const data = await $.ajax<Answer>("json");
    expectTypeOf(data).toEqualTypeOf<Answer>();
    const answer = await $.getJSON<Answer>("json").then((value) => value.answer);
    expectTypeOf(answer).toEqualTypeOf<number>();
    expect(answer).toBe(42);
  });

  test("when(ajax<A>(), ajax<B>()) gives one [data, textStatus, jqXHR] tuple per request", async () => {
    const [first, second] = await new Promise<[unknown, unknown]>((resolve) => {
      $.when($.ajax<Answer>("json"), $.get<string>("text")).done((a1, a2) => {
        expectTypeOf(a1).toEqualTypeOf<[Answer, $.SuccessTextStatus, $.JqXHR<Answer>]>();
        expectTypeOf(a2).toEqualTypeOf<[string, $.SuccessTextStatus, $.JqXHR<string>]>();
        resolve([a1[0].answer, a2[0].length]);
      });
    });
    expect([first, second]).toEqual([42, "plain words".length]);
  });

  test("get/post/getJSON carry T through their success argument", async () => {
    const text = await new Promise<string>((resolve) => {
      $.get<string>("text", (data) => {
        expectTypeOf(data).toEqualTypeOf<string>();
        resolve(data);
      });
    });
    expect(text).toBe("plain words");
  });

  test("error classes are real classes for instanceof, all AjaxErrors", () => {
    expectTypeOf<$.HttpError>().toExtend<$.AjaxError>();
    expectTypeOf<$.TimeoutError>().toExtend<$.AjaxError>();
    for (const ErrorClass of [
      $.HttpError,
      $.NetworkError,
      $.TimeoutError,
      $.AbortError,
      $.ParseError,
      $.RequestError,
    ]) {
      expect(ErrorClass.prototype).toBeInstanceOf($.AjaxError);
      expect(ErrorClass.prototype).toBeInstanceOf(Error);
    }
  });
});

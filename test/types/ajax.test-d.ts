/**
 * Type tests of `ajax`: the response data type `T` reaches every callback, the promise methods of
 * the jqXHR and `when`, and prefilters have a typed signature. (test/ajax/types.test.ts checks the
 * same types against real requests.)
 */
import { describe, expectTypeOf, test } from "vitest";
import {
  ajax,
  type AjaxError,
  ajaxPrefilter,
  type AjaxSettings,
  Deferred,
  type DeferredPromise,
  type ErrorTextStatus,
  get,
  getJSON,
  post,
  type JqXHR,
  type PreparedAjaxSettings,
  type SuccessTextStatus,
  when,
} from "../../src/index.js";

interface User {
  id: number;
  name: string;
}

describe("ajax<T>()", () => {
  test("done receives (data: T, textStatus, jqXHR)", () => {
    ajax<User>({ url: "/user/1", dataType: "json" }).done((data, textStatus, jqXHR) => {
      expectTypeOf(data).toEqualTypeOf<User>();
      expectTypeOf(textStatus).toEqualTypeOf<SuccessTextStatus>();
      expectTypeOf(jqXHR).toEqualTypeOf<JqXHR<User>>();
      expectTypeOf(jqXHR.status).toEqualTypeOf<number>();
    });
    // @ts-expect-error data is a User
    ajax<User>("/user/1").done((data: string) => data);
  });

  test("fail receives (jqXHR, textStatus, errorThrown)", () => {
    ajax<User>("/user/1").fail((jqXHR, textStatus, errorThrown) => {
      expectTypeOf(jqXHR).toEqualTypeOf<JqXHR<User>>();
      expectTypeOf(textStatus).toEqualTypeOf<ErrorTextStatus>();
      expectTypeOf(errorThrown).toEqualTypeOf<string>();
      expectTypeOf(jqXHR.ajaxError).toEqualTypeOf<AjaxError | undefined>();
    });
  });

  test("statusCode callbacks are typed as done or fail callbacks, with the request's context as this", () => {
    ajax<User>("/user/1", {
      statusCode: {
        200: function (user) {
          expectTypeOf(user).toEqualTypeOf<User | JqXHR<User>>();
          expectTypeOf(this).toBeAny();
        },
        404: (jqXHR, textStatus, jqXHROrError) => {
          expectTypeOf(textStatus).toEqualTypeOf<SuccessTextStatus | ErrorTextStatus>();
          expectTypeOf(jqXHROrError).toEqualTypeOf<JqXHR<User> | string>();
        },
      },
    });
    ajax("/any").statusCode({ 404: (xhr) => expectTypeOf(xhr).toBeAny() });
  });

  test("converters receive untyped input unless annotated", () => {
    ajax("/report.csv", {
      dataType: "csv",
      converters: {
        "text csv": (raw) => {
          expectTypeOf(raw).toBeAny();
          return raw.split("\n");
        },
        "text lines": (text: string) => text.split("\n"),
        "json json": true,
      },
    });
  });

  test("get() and post() without arguments request the page, as in jQuery", () => {
    expectTypeOf(get()).toEqualTypeOf<JqXHR>();
    expectTypeOf(post()).toEqualTypeOf<JqXHR>();
  });

  test("an untyped request's data and responseJSON are any; a typed one's responseJSON is unknown", () => {
    ajax("/any").done((data, textStatus, jqXHR) => {
      expectTypeOf(data).toBeAny();
      expectTypeOf(jqXHR.responseJSON).toBeAny();
    });
    ajax<User>("/user").fail((jqXHR) => expectTypeOf(jqXHR.responseJSON).toEqualTypeOf<unknown>());
  });

  test("then and await follow the data", async () => {
    expectTypeOf(await ajax<User>("/user/1")).toEqualTypeOf<User>();
    const names = ajax<User[]>("/users").then((users) => users.map((user) => user.name));
    expectTypeOf(names).toEqualTypeOf<
      DeferredPromise<string[], any[], [loaded: number, total: number | undefined]>
    >();
    const user = ajax<number>("/id").then((id) => ajax<User>(`/user/${id}`));
    user.done((data, textStatus, jqXHR) => {
      expectTypeOf(data).toEqualTypeOf<User>();
      expectTypeOf(textStatus).toEqualTypeOf<SuccessTextStatus>();
      expectTypeOf(jqXHR).toEqualTypeOf<JqXHR<User>>();
    });
  });

  test("when combines requests into one [data, textStatus, jqXHR] slot each", () => {
    when(ajax<User>("/user/1"), ajax<number>("/count")).done((first, second) => {
      expectTypeOf(first).toEqualTypeOf<
        [data: User, textStatus: SuccessTextStatus, jqXHR: JqXHR<User>]
      >();
      expectTypeOf(second[0]).toEqualTypeOf<number>();
    });
    when(ajax<User>("/user/1")).done((data) => expectTypeOf(data).toEqualTypeOf<User>());
  });

  test("the options' callbacks are typed by T", () => {
    ajax<User>({
      url: "/user/1",
      success: (data) => expectTypeOf(data).toEqualTypeOf<User>(),
      error: (jqXHR, textStatus) => expectTypeOf(textStatus).toEqualTypeOf<ErrorTextStatus>(),
    });
    // @ts-expect-error success receives a User
    ajax<User>({ url: "/user/1", success: (data: number) => data });
    // @ts-expect-error unknown option names are rejected
    ajax<User>({ url: "/user/1", sucess: () => undefined });
    expectTypeOf<AjaxSettings<User>["url"]>().toEqualTypeOf<string | URL | undefined>();
  });

  test("the shorthands carry T too", () => {
    getJSON<User>("/user/1").done((data) => expectTypeOf(data).toEqualTypeOf<User>());
    get<string>("/page", (html) => expectTypeOf(html).toEqualTypeOf<string>());
  });

  test("a jqXHR is a promise, and can be one of the values of a deferred", () => {
    expectTypeOf(ajax<User>("/user/1")).toExtend<PromiseLike<User>>();
    const latest = Deferred<JqXHR<User>>();
    latest.done((jqXHR) => jqXHR.abort());
  });
});

describe("ajaxPrefilter", () => {
  test("a prefilter receives the prepared settings, the caller's options and the jqXHR", () => {
    ajaxPrefilter((options, originalOptions, jqXHR) => {
      expectTypeOf(options).toEqualTypeOf<PreparedAjaxSettings>();
      expectTypeOf(originalOptions).toEqualTypeOf<AjaxSettings<unknown>>();
      expectTypeOf(jqXHR).toEqualTypeOf<JqXHR<unknown>>();
      if (options.crossDomain) jqXHR.abort("no cross-domain requests");
    });
    const remove = ajaxPrefilter("json", (options) => {
      options.headers["X-Requested-With"] = "jq-deferred";
    });
    expectTypeOf(remove).toEqualTypeOf<() => void>();
    // @ts-expect-error the first parameter is the prepared settings, not a string
    ajaxPrefilter((options: string) => options);
  });
});

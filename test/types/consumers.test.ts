/**
 * The published declarations (dist/) as consumers compile them, with `skipLibCheck: false` and
 * strict options, on TypeScript 6 and 7:
 * - a core-only consumer with `"lib": ["ES2022"]` and `"types": []` (no DOM, no Node);
 * - the bridge without @types/jquery: `$` typed `JQueryStatic` gets jq-deferred's own members;
 * - the bridge with @types/jquery: its declarations stand, `jqXHR.ajaxError` and the extra ajax
 *   options are added, and nothing conflicts.
 * Each fixture also holds `@ts-expect-error` lines, which fail the compile if the types were
 * looser than claimed. Needs `npm run build` (as `npm test` does).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const temporary = mkdtempSync(join(tmpdir(), "jq-deferred-consumers-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

beforeAll(() => {
  if (!existsSync("dist/index.d.ts") || !existsSync("dist/jquery.d.ts")) {
    throw new Error("dist/ has no declaration files: run `npm run build` first (npm test does)");
  }
  mkdirSync(join(temporary, "node_modules"), { recursive: true });
  symlinkSync(resolve("."), join(temporary, "node_modules", "jq-deferred"), "dir");
});

/** Writes a consumer project and compiles it with the given compiler; resolves with the output. */
function compile(
  compiler: "typescript" | "typescript7",
  name: string,
  options: { lib: string[]; types: string[] },
  code: string,
): Promise<{ status: number | null; output: string }> {
  const directory = join(temporary, `${name}-${compiler}`);
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(directory, "index.ts"), code);
  writeFileSync(
    join(directory, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        skipLibCheck: false,
        noEmit: true,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: options.lib,
        types: options.types,
        typeRoots: [resolve("node_modules/@types")],
      },
      files: ["index.ts"],
    }),
  );
  return new Promise((done) => {
    execFile(
      process.execPath,
      [resolve("node_modules", compiler, "bin", "tsc"), "-p", directory],
      { encoding: "utf8", cwd: temporary, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        done({ status, output: `${stdout}${stderr}` });
      },
    );
  });
}

const CORE_ONLY = `
import { Callbacks, Deferred, type DeferredPromise, when } from "jq-deferred";

const untyped = Deferred();
untyped.done((data) => data.people.length);
when(untyped, Deferred().resolve(1, 2)).done((a, b) => a + b);
Callbacks().add((message) => message.toUpperCase());

const typed = Deferred<[data: string, status: number], Error>();
typed.done((data, status) => data.repeat(status));
// @ts-expect-error typed values stay precise
typed.resolve(200, "body");
const both: DeferredPromise<[[data: string, status: number], number]> = when(typed, 1);
both.done(([data], one) => data.length + one);
`;

const BRIDGE_WITHOUT_JQUERY_TYPES = `
import type { DeferredFactory } from "jq-deferred";
import { installAjax } from "jq-deferred/jquery/ajax";

declare const $: JQueryStatic;
installAjax($);

const factory: DeferredFactory = $.Deferred;
$.Deferred().done((json) => json.people);
$.when($.ajax("/page1"), $.ajax("/page2")).done((a1, a2) => a1[0] + a2[0]);
$.ajax("/api").fail((xhr, status, errorThrown) => {
  const text: string = errorThrown;
  return [xhr.status, status, text, xhr.ajaxError?.message];
});
$.getJSON<{ name: string }>("/user").done((user) => user.name.toUpperCase());
$.Callbacks("once memory").fire(1);
const inFlight: number = $.active;
$.getScript("/plugin.js");
// @ts-expect-error $.Deferred is jq-deferred's: a typed deferred refuses other values
$.Deferred<number>().resolve("text");
// @ts-expect-error errorThrown is a string, not the error object
$.ajax("/api").fail((xhr, status, errorThrown: Error) => errorThrown);
export { factory, inFlight };
`;

const BRIDGE_WITH_JQUERY_TYPES = `
import { installAjax } from "jq-deferred/jquery/ajax";

installAjax($);
$.ajax("/api").fail((xhr, status, errorThrown) => {
  const text: string = errorThrown;
  return [text, xhr.ajaxError?.message];
});
$.ajax({ url: "/api", baseUrl: "http://127.0.0.1:8080/", retry: 2 });
$.when($.Deferred<string>(), 1).done((text) => text);
// @ts-expect-error @types/jquery's own Deferred stands (one resolution type, not a tuple)
const wrong: number = $.Deferred<string>().promise();
export { wrong };
`;

describe.each(["typescript", "typescript7"] as const)("consumers of dist/ (%s)", (compiler) => {
  it("the core types need no DOM or Node libs", async () => {
    const result = await compile(compiler, "core", { lib: ["es2022"], types: [] }, CORE_ONLY);
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 120_000);

  it("the bridge types $ as jq-deferred's without @types/jquery", async () => {
    const result = await compile(
      compiler,
      "bridge",
      { lib: ["es2022", "dom"], types: [] },
      BRIDGE_WITHOUT_JQUERY_TYPES,
    );
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 120_000);

  it("the bridge adds to @types/jquery's declarations without conflict", async () => {
    const result = await compile(
      compiler,
      "bridge-jquery",
      { lib: ["es2022", "dom"], types: ["jquery"] },
      BRIDGE_WITH_JQUERY_TYPES,
    );
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  }, 120_000);
});

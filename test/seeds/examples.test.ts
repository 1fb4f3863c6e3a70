/**
 * The printed demonstration (`npm run examples`) runs against the built package; this runs the
 * very same example modules against the sources, with every delay scaled down, so that an example
 * whose outcome drifts from its document fails the test suite too.
 */
import { describe, expect, it } from "vitest";
import { runExample } from "../../examples/harness.mjs";
import { seeds } from "../../examples/seeds/index.mjs";
import * as $ from "../../src/index.js";

describe("npm run examples", () => {
  for (const seed of seeds) {
    describe(`seed ${seed.seed}: ${seed.title}`, () => {
      it.each(seed.examples.map((example) => [example.title, example] as const))(
        "%s behaves as the document says",
        async (_, example) => {
          const outcome = await runExample(example, $, { scale: 0.2 });
          expect(outcome.actual).toEqual(outcome.expected);
          expect(outcome.ok).toBe(true);
        },
      );
    });
  }

  it("reports an example whose lines differ from the document, or that throws, as not ok", async () => {
    const wrong = await runExample(
      { title: "wrong", run: (_$, io) => io.log("what happened"), expected: ["what was said"] },
      $,
    );
    const throwing = await runExample(
      {
        title: "throws",
        run: () => {
          throw new TypeError("broken example");
        },
        expected: [],
      },
      $,
    );
    expect(wrong.ok).toBe(false);
    expect(throwing.ok).toBe(false);
    expect(throwing.actual).toEqual(["threw TypeError: broken example"]);
  });

  it("covers every seed document, 000 to 004", () => {
    expect(seeds.map((seed) => seed.seed)).toEqual(["000", "001", "002", "003", "004"]);
  });
});

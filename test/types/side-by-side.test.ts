/**
 * The corpus (test/types/corpus) side by side with @types/jquery 4: the same snippets compiled
 * twice with the TypeScript compiler API, once with the bridge's `$` (no @types/jquery in the
 * program) and once with @types/jquery's `$` (its `JQueryStatic`, nothing of ours loaded). For
 * every value the corpus asserts a type of (`expectTypeOf(value)`) and every callback parameter
 * it leaves to inference (what a reader hovers), the two types are compared: where ours is `any`
 * and theirs is a type (not `any`, and not `never`, which @types/jquery gives values that do
 * exist at run time), ours is less precise, and docs/types.md ("Coming from @types/jquery") must
 * name the snippet and say why. It must also name the snippets that @types/jquery rejects (the
 * corpus's own assertions are left out: they state our types).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const corpus = resolve("test/types/corpus");
const snippetFiles = readdirSync(corpus)
  .filter((name) => name.endsWith(".test-d.ts"))
  .map((name) => join(corpus, name));
const jqueryModule = join(corpus, "jquery.ts");

function compile(withJQueryTypes: boolean): ts.Program {
  const config = ts.getParsedCommandLineOfConfigFile(
    resolve("tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  )!;
  const options = { ...config.options, types: withJQueryTypes ? ["node", "jquery"] : ["node"] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile } = host;
  // @types/jquery's `$`, and no import of the bridge (whose types would otherwise be loaded).
  const theirs = "export declare const $: JQueryStatic;\n";
  host.getSourceFile = (name, language, onError) =>
    withJQueryTypes && resolve(name) === jqueryModule
      ? ts.createSourceFile(name, theirs, language, true)
      : getSourceFile.call(host, name, language, onError);
  return ts.createProgram(snippetFiles, options, host);
}

interface Probe {
  snippet: string;
  expression: string;
  ours: string;
  theirs: string;
}

/** Every `expectTypeOf(x)` of the corpus, with the type each program gives `x`. */
function probes(ours: ts.Program, theirs: ts.Program): Probe[] {
  const found: Probe[] = [];
  for (const file of snippetFiles) {
    const ourSource = ours.getSourceFile(file)!;
    const theirSource = theirs.getSourceFile(file)!;
    const typeAt = (program: ts.Program, source: ts.SourceFile, start: number): string => {
      let node: ts.Node | undefined;
      const visit = (child: ts.Node): void => {
        if (child.getStart(source) === start && ts.isExpression(child) && node === undefined) {
          node = child;
        }
        if (child.getStart(source) <= start && start < child.getEnd())
          ts.forEachChild(child, visit);
      };
      visit(source);
      const checker = program.getTypeChecker();
      return checker.typeToString(checker.getTypeAtLocation(node!));
    };
    let snippet = "";
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const [first] = node.arguments;
        if (node.expression.text === "test" && first && ts.isStringLiteral(first)) {
          snippet = first.text.split(" ")[0]!;
        }
        if (node.expression.text === "expectTypeOf" && first) {
          const start = first.getStart(ourSource);
          found.push({
            snippet,
            expression: first.getText(ourSource),
            ours: typeAt(ours, ourSource, start),
            theirs: typeAt(theirs, theirSource, start),
          });
        }
      }
      if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && snippet !== "") {
        for (const parameter of node.parameters) {
          if (parameter.type !== undefined || !ts.isIdentifier(parameter.name)) continue;
          const start = parameter.name.getStart(ourSource);
          found.push({
            snippet,
            expression: `(${parameter.name.text})`,
            ours: typeAt(ours, ourSource, start),
            theirs: typeAt(theirs, theirSource, start),
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(ourSource);
  }
  return found;
}

/** The snippets @types/jquery rejects, with its first error (assertion lines left out). */
function rejectedByJQueryTypes(theirs: ts.Program): Map<string, string> {
  const rejected = new Map<string, string>();
  for (const file of snippetFiles) {
    const source = theirs.getSourceFile(file)!;
    for (const diagnostic of ts.getPreEmitDiagnostics(theirs, source)) {
      const line = source.text.slice(
        source.getLineStarts()[source.getLineAndCharacterOfPosition(diagnostic.start!).line],
      );
      if (/^\s*(expectTypeOf|\.to|\.not)/.test(line) || line.includes("expectTypeOf(")) continue;
      const before = source.text.slice(0, diagnostic.start);
      const snippet = [...before.matchAll(/test\("(\w+) /g)].at(-1)?.[1] ?? "(file)";
      if (!rejected.has(snippet)) {
        rejected.set(snippet, ts.flattenDiagnosticMessageText(diagnostic.messageText, " "));
      }
    }
  }
  return rejected;
}

const ours = compile(false);
const theirs = compile(true);
const all = probes(ours, theirs);
const lessPrecise = all.filter(
  (probe) => probe.ours === "any" && probe.theirs !== "any" && probe.theirs !== "never",
);
const morePrecise = all.filter((probe) => probe.theirs === "any" && probe.ours !== "any");
const rejected = rejectedByJQueryTypes(theirs);

describe("the corpus side by side with @types/jquery", () => {
  it("both programs see the `$` they are meant to", () => {
    const typeOfDollar = (program: ts.Program): string => {
      const checker = program.getTypeChecker();
      const source = program.getSourceFile(jqueryModule)!;
      const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
      const deferred = checker.getTypeOfSymbol(exported[0]!).getProperty("Deferred")!;
      return checker.typeToString(checker.getTypeOfSymbol(deferred));
    };
    expect(typeOfDollar(ours)).toBe("DeferredFactory");
    expect(typeOfDollar(theirs)).toBe("DeferredStatic");
  });

  it("compares every asserted value of the corpus", () => {
    expect(all.length).toBeGreaterThan(150);
    console.info(
      `side by side: ${all.length} values; ours less precise ${lessPrecise.length}, more precise ${morePrecise.length}; @types/jquery rejects ${rejected.size} snippets`,
    );
    for (const probe of all)
      console.info(
        `  ${probe.snippet} ${probe.expression}: ours ${probe.ours} | @types/jquery ${probe.theirs}`,
      );
    for (const [snippet, error] of rejected)
      console.info(`  rejected by @types/jquery: ${snippet}: ${error}`);
  });

  it("docs/types.md names every snippet where ours is less precise, with the reason", () => {
    const docs = readFileSync("docs/types.md", "utf8");
    const section = docs.slice(docs.indexOf("## Coming from @types/jquery"));
    expect(section.length).toBeLessThan(docs.length);
    for (const probe of lessPrecise) expect(section).toContain(`\`${probe.snippet}\``);
  });

  it("docs/types.md names every snippet that @types/jquery rejects", () => {
    const docs = readFileSync("docs/types.md", "utf8");
    const section = docs.slice(docs.indexOf("## Coming from @types/jquery"));
    for (const snippet of rejected.keys()) expect(section).toContain(`\`${snippet}\``);
  });
});

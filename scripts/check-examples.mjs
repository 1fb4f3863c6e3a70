/**
 * Type-checks every TypeScript example the project shows: each ```ts block of README.md and
 * docs/*.md, and each `@example` of a doc comment in src/ (the API docs), under strict
 * TypeScript with the project's options.
 *
 * Each example is a module of its own, with "jq-deferred" and its other entry points resolved to
 * src/. An example may use any export of the package without importing it (the API docs show
 * calls, not imports): the names it neither imports nor declares are imported for it, from the
 * package or, for an example in src/, from its own module (which may export more). The
 * placeholders examples lean on (`show`, `render`, `button`, a `dfd` of unknown type, …) are
 * declared once in PRELUDE below, as loosely as such placeholders are read; so is the page's
 * jQuery (`$`, `jQuery`) where @types/jquery is not loaded: an example that means jq-deferred's
 * `$` imports it (`import * as $ from "jq-deferred"`). An example that is
 * deliberately wrong says so with `// @ts-expect-error <why>` on the line before the error, which
 * TypeScript then requires. Examples that use @types/jquery (`/// <reference types="jquery" />`
 * or an import of "jquery") are compiled in a program of their own, since loading @types/jquery
 * changes the global `JQueryStatic` that the bridge's types extend.
 *
 * Usage: node scripts/check-examples.mjs [--list] [--typescript7] [file …]
 *   --list         prints every example checked, with its place
 *   --typescript7  compiles with TypeScript 7 (its tsc, over the examples written to
 *                  node_modules/.cache/check-examples/) instead of TypeScript 6's compiler API
 *   file    checks only the examples of these Markdown or TypeScript files (default: README.md,
 *           docs/*.md and src/**.ts)
 * Exits 1 if an example does not compile, printing each error at its place in the source.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import ts from "typescript";

const root = process.cwd();
const args = process.argv.slice(2);
const list = args.includes("--list");
const typescript7 = args.includes("--typescript7");
const chosenFiles = args.filter((arg) => !arg.startsWith("--"));

/**
 * Placeholders the examples use without declaring them: the application around the example.
 * Values of unknown shape are `any`, as a reader takes them; jq-deferred objects are untyped ones.
 */
const PRELUDE = `
type Untyped = any;
declare function show(...values: Untyped[]): void;
declare function render(...values: Untyped[]): void;
declare function use(...values: Untyped[]): void;
declare function report(...values: Untyped[]): void;
declare function reportToServer(...values: Untyped[]): void;
declare function showNotFound(...values: Untyped[]): void;
declare function showEmpty(...values: Untyped[]): void;
declare function retryLater(...values: Untyped[]): void;
declare function handle(...values: Untyped[]): void;
declare function update(...values: Untyped[]): void;
declare function runLegacyCode(): void;
declare function fn(...values: Untyped[]): void;
declare function myFunc(...values: Untyped[]): void;
declare function myFailure(...values: Untyped[]): void;
declare const cache: Map<Untyped, Untyped>;
declare const fixtures: Record<string, string>;
declare function drawChart(...values: Untyped[]): void;
declare function afterEach(teardown: () => void): void;
declare const log: Untyped;
declare const parsedBody: Untyped;
declare const spinner: { show(): void; hide(): void };
declare const progressBar: { value: number };
declare const bar: { style: { width: string } };
declare const button: HTMLButtonElement;
declare const element: HTMLElement;
declare const form: HTMLFormElement;
declare const worker: Untyped;
declare const token: string;
declare const url: string;
declare const dfd: import("jq-deferred").Deferred;
declare const list: import("jq-deferred").Callbacks;
declare const request: import("jq-deferred").JqXHR;
declare const jqXHR: import("jq-deferred").JqXHR;
declare const xhr: import("jq-deferred").JqXHR;
declare const a: Untyped, b: Untyped, c: Untyped;
declare const jQuerySlim: import("jq-deferred/jquery").JQueryLike & JQueryStatic;
declare const jQueryFull: import("jq-deferred/jquery").JQueryLike & JQueryStatic;
interface User { id: number; name: string; email: string; active: boolean }
`;

/** Placeholders that @types/jquery declares itself, for the examples compiled without it. */
const PRELUDE_WITHOUT_JQUERY_TYPES = `
declare const jQuery: Untyped;
declare const $: Untyped;
`;

/** The ```ts blocks of a Markdown file, each with the line its code starts at. */
function markdownExamples(path) {
  const lines = readFileSync(path, "utf8").split("\n");
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts\s*$/.test(lines[i])) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    examples.push({ path, line: i + 2, code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return examples;
}

/** The `@example` sections of the doc comments of a TypeScript file. */
function docExamples(path) {
  const text = readFileSync(path, "utf8");
  const examples = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length;
    const lines = comment[0].split("\n").map((line) => line.replace(/^\s*\*\/?\s?/, ""));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue;
      let end = i + 1;
      while (end < lines.length && !/^@\w/.test(lines[end])) end++;
      const body = lines.slice(i + 1, end);
      while (body.length > 0 && body.at(-1).trim() === "") body.pop();
      examples.push({ path, line: firstLine + i + 1, code: body.join("\n") });
      i = end - 1;
    }
  }
  return examples;
}

function sourceFiles(directory) {
  return readdirSync(directory, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => join(directory, name));
}

const checkedFiles =
  chosenFiles.length > 0
    ? chosenFiles
    : [
        "README.md",
        ...readdirSync("docs")
          .filter((name) => name.endsWith(".md"))
          .map((name) => join("docs", name)),
        ...sourceFiles("src"),
      ];
const examples = checkedFiles.flatMap((path) =>
  path.endsWith(".md") ? markdownExamples(path) : docExamples(path),
);

/** The names a module's top level imports or declares. */
function declaredNames(source) {
  const names = new Set();
  const addBinding = (name) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else
      for (const element of name.elements)
        if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings))
        for (const element of namedBindings.elements) names.add(element.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
    else if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations)
        addBinding(declaration.name);
    else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    )
      names.add(statement.name.text);
  }
  return names;
}

const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  types: ["node"],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
  paths: {
    "jq-deferred": [join(root, "src/index.ts")],
    "jq-deferred/core": [join(root, "src/core-entry.ts")],
    "jq-deferred/jquery": [join(root, "src/bridge/install.ts")],
    "jq-deferred/jquery/ajax": [join(root, "src/bridge/ajax.ts")],
  },
};

/** The exported names of each module of src/, by absolute path. */
function exportedNames() {
  const paths = sourceFiles("src").map((path) => resolve(path));
  const program = ts.createProgram(paths, options);
  const checker = program.getTypeChecker();
  return new Map(
    paths.map((path) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(path));
      // Named exports only: a default export is imported under a name of the example's choosing.
      const names = module
        ? checker
            .getExportsOfModule(module)
            .map((symbol) => symbol.name)
            .filter((name) => name !== "default")
        : [];
      return [path, names];
    }),
  );
}

const moduleExports = exportedNames();
const packageExports = moduleExports.get(resolve("src/index.ts"));

/**
 * The files of one program: the prelude, and each example as a module (with the imports it leaves
 * out), under `directory`; `origins` maps each example file to its example.
 */
function exampleFiles(group, label, directory) {
  const prelude = label === "jquery" ? PRELUDE : PRELUDE + PRELUDE_WITHOUT_JQUERY_TYPES;
  const files = new Map([[join(directory, "__examples_prelude.d.ts"), prelude]]);
  const origins = new Map();
  group.forEach((example, index) => {
    const name = join(directory, `__example_${label}_${index}.ts`);
    const parsed = ts.createSourceFile(name, example.code, ts.ScriptTarget.ES2022, true);
    const declared = declaredNames(parsed);
    const used = (exported) =>
      !declared.has(exported) && new RegExp(`\\b${exported}\\b`).test(example.code);
    const fromPackage = packageExports.filter(used);
    const ownModule = resolve(example.path);
    const fromModule = (moduleExports.get(ownModule) ?? []).filter(
      (exported) => used(exported) && !fromPackage.includes(exported),
    );
    // The imports go after the code (imports are hoisted), so that code lines keep their numbers
    // and `/// <reference …>` lines stay at the top, where they count.
    const header = [
      fromPackage.length > 0 ? `import { ${fromPackage.join(", ")} } from "jq-deferred";` : "",
      fromModule.length > 0
        ? `import { ${fromModule.join(", ")} } from ${JSON.stringify(ownModule.replace(/\.ts$/, ".js"))};`
        : "",
    ].join(" ");
    files.set(name, `${example.code}\n${header}\nexport {};\n`);
    origins.set(name, example);
  });
  return { files, origins };
}

/** "file:line" of a line of an example file, in the document or source the example comes from. */
function placeOf(example, line) {
  return `${relative(root, resolve(example.path))}:${example.line + line}`;
}

/** Compiles a group of examples as one program; returns its errors at their source places. */
function check(group, label) {
  if (typescript7) return checkWithTypeScript7(group, label);
  const { files, origins } = exampleFiles(group, label, root);
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError) =>
    files.has(name)
      ? ts.createSourceFile(name, files.get(name), language, true)
      : getSourceFile.call(host, name, language, onError);
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = [];
  // The examples' own errors: src/ itself is type-checked by tsc (npm test), not here.
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...files.keys()].flatMap((name) =>
      ts.getPreEmitDiagnostics(program, program.getSourceFile(name)),
    ),
  ];
  for (const diagnostic of diagnostics) {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const example = diagnostic.file && origins.get(diagnostic.file.fileName);
    if (example === undefined) {
      problems.push(`${diagnostic.file?.fileName ?? "(program)"}: TS${diagnostic.code} ${text}`);
      continue;
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    problems.push(`${placeOf(example, line)}  TS${diagnostic.code} ${text}`);
  }
  return problems;
}

/**
 * The same with TypeScript 7, which has no compiler API: the files are written to a directory
 * inside node_modules (so that packages resolve as from the project) and compiled with its tsc.
 */
function checkWithTypeScript7(group, label) {
  const directory = join(
    root,
    "node_modules",
    ".cache",
    "check-examples",
    `${process.pid}-${label}`,
  );
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const { files, origins } = exampleFiles(group, label, directory);
  for (const [name, text] of files) writeFileSync(name, text);
  writeFileSync(
    join(directory, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: ["es2022", "dom", "dom.iterable"],
        types: ["node"],
        typeRoots: [join(root, "node_modules/@types")],
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        paths: options.paths,
      },
      files: [...files.keys()],
    }),
  );
  const tsc = join(root, "node_modules", "typescript7", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", directory, "--pretty", "false"], {
    encoding: "utf8",
  });
  rmSync(directory, { recursive: true, force: true });
  const problems = [];
  for (const match of `${result.stdout}${result.stderr}`.matchAll(
    /^(.+?)\((\d+),\d+\): error (TS\d+): (.*(?:\n {2}.*)*)/gm,
  )) {
    const example = origins.get(resolve(root, match[1]));
    if (example === undefined) problems.push(`${match[1]}: ${match[3]} ${match[4]}`);
    else problems.push(`${placeOf(example, Number(match[2]) - 1)}  ${match[3]} ${match[4]}`);
  }
  if (result.status !== 0 && problems.length === 0) {
    problems.push(`TypeScript 7 failed: ${result.stdout}${result.stderr}`);
  }
  return problems;
}

const usesJQueryTypes = (example) =>
  /\/\/\/\s*<reference types="jquery"|from "jquery(?:\/[\w-]+)?"/.test(example.code);
const problems = [
  ...check(
    examples.filter((example) => !usesJQueryTypes(example)),
    "plain",
  ),
  ...check(examples.filter(usesJQueryTypes), "jquery"),
];

if (list) for (const example of examples) console.log(`${example.path}:${example.line}`);
if (problems.length > 0) {
  console.error(
    `check-examples: ${problems.length} errors in ${examples.length} examples:\n${problems.join("\n")}`,
  );
  process.exit(1);
}
console.log(
  `check-examples: ${examples.length} examples compile (TypeScript ${typescript7 ? 7 : 6})`,
);

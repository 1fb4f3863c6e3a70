/**
 * Verifies docs/types.md: every `// ^? type` line in its TypeScript code blocks states the type
 * the compiler gives the identifier above the caret. Blocks whose first line is
 * `/// <reference types="jquery" />` are checked against @types/jquery; the others import
 * jq-deferred, resolved to src/. All blocks are compiled as one program with the project's
 * compiler options, and must also compile without errors (except on lines marked
 * `// @ts-expect-error`, which must have one).
 *
 * Usage: node scripts/check-types-doc.mjs [--print] [markdown file]
 *   --print  shows the type found at every caret instead of comparing.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const args = process.argv.slice(2);
const print = args.includes("--print");
const documentPath = resolve(args.find((arg) => !arg.startsWith("--")) ?? "docs/types.md");
const root = process.cwd();

/** The ```ts blocks of the document, with the line each starts at. */
function codeBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (/^```ts\s*$/.test(lines[i])) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      blocks.push({ line: start + 1, code: lines.slice(start, end).join("\n") });
      i = end;
    }
  }
  return blocks;
}

const blocks = codeBlocks(readFileSync(documentPath, "utf8"));
if (blocks.length === 0) {
  console.error(`check-types-doc: no \`\`\`ts blocks in ${documentPath}`);
  process.exit(1);
}

// Virtual files next to the document, so that node_modules resolution works from there.
const files = new Map(
  blocks.map((block, index) => [
    join(dirname(documentPath), `__types_doc_${index}.ts`),
    // Each block is a module of its own, so that names never clash between blocks.
    `${block.code}\nexport {};\n`,
  ]),
);
const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
  noUnusedLocals: false,
  paths: { "jq-deferred": [join(root, "src/index.ts")] },
};
const host = ts.createCompilerHost(options);
const { fileExists, readFile, getSourceFile } = host;
host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
host.readFile = (name) => files.get(name) ?? readFile.call(host, name);
host.getSourceFile = (name, language, onError) =>
  files.has(name)
    ? ts.createSourceFile(name, files.get(name), language, true)
    : getSourceFile.call(host, name, language, onError);
const program = ts.createProgram([...files.keys()], options, host);
const checker = program.getTypeChecker();

const problems = [];
let carets = 0;
[...files.keys()].forEach((name, index) => {
  const source = program.getSourceFile(name);
  const block = blocks[index];
  const where = (line) => `${documentPath}:${block.line + line}`;

  for (const diagnostic of ts.getPreEmitDiagnostics(program, source)) {
    const { line } = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    problems.push(`${where(line)}  does not compile: ${text}`);
  }

  const lines = source.text.split("\n");
  lines.forEach((text, lineIndex) => {
    const query = /^(\s*\/\/\s*)\^\?\s*(.*)$/.exec(text);
    if (query === null) return;
    carets++;
    const column = query[1].length;
    let target = lineIndex - 1;
    while (target >= 0 && /^\s*\/\/\s*\^\?/.test(lines[target])) target--;
    const position = source.getPositionOfLineAndCharacter(target, column);
    const node = findIdentifier(source, position);
    if (node === undefined) {
      problems.push(`${where(lineIndex)}  no identifier above the caret`);
      return;
    }
    const type = checker.typeToString(
      checker.getTypeAtLocation(node),
      undefined,
      ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope,
    );
    const expected = query[2].trim();
    if (print) console.log(`${where(lineIndex)}  ${node.getText(source)}: ${type}`);
    else if (normalise(type) !== normalise(expected)) {
      problems.push(
        `${where(lineIndex)}  ${node.getText(source)}: documented \`${expected}\`, compiler says \`${type}\``,
      );
    }
  });
});

function findIdentifier(source, position) {
  let found;
  const visit = (node) => {
    if (position < node.getStart(source) || position >= node.getEnd()) return;
    if (ts.isIdentifier(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function normalise(text) {
  return text.replace(/\s+/g, " ").replace(/;\s*}/g, " }").trim();
}

if (problems.length > 0) {
  console.error(`check-types-doc: ${problems.length} problems:\n${problems.join("\n")}`);
  process.exit(1);
}
if (!print)
  console.log(
    `check-types-doc: ${blocks.length} code blocks compile, ${carets} documented types match`,
  );

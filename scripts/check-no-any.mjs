/**
 * Fails if the type `any` appears in the published declaration files (dist/*.d.ts, dist/*.d.cts).
 *
 * The files are parsed with the TypeScript compiler, so `any` in a comment or a string does not
 * count, while every use as a type does: `: any`, `any[]`, `Promise<any>`, `as any`, …
 * Run after `npm run build`. Usage: node scripts/check-no-any.mjs [dist directory]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const distDirectory = process.argv[2] ?? "dist";

/** Every `any` type in one declaration file, as `file:line:column  context` strings. */
function findAnyTypes(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const context = source.text.split("\n")[line].trim();
      found.push(`${fileName}:${line + 1}:${character + 1}  ${context}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function declarationFiles(directory) {
  return readdirSync(directory, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".d.ts") || name.endsWith(".d.cts") || name.endsWith(".d.mts"))
    .map((name) => join(directory, name));
}

const files = declarationFiles(distDirectory);
if (files.length === 0) {
  console.error(
    `check-no-any: no declaration files in ${distDirectory}/ (run npm run build first)`,
  );
  process.exit(1);
}
const problems = files.flatMap((file) =>
  findAnyTypes(relative(".", file), readFileSync(file, "utf8")),
);
if (problems.length > 0) {
  console.error(`check-no-any: \`any\` in the public declarations:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`check-no-any: ${files.length} declaration files, no \`any\``);

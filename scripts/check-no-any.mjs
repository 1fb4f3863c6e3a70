/**
 * Fails if the type `any` appears in the published declaration files (dist/*.d.ts, dist/*.d.cts)
 * anywhere but in the default of a type parameter (`<TDone = any[]>`): the values a user leaves
 * untyped are `any`, as in @types/jquery (docs/types.md, "Coming from @types/jquery"); everything
 * else stays strict.
 *
 * The files are parsed with the TypeScript compiler, so `any` in a comment or a string does not
 * count, while every other use as a type does: `: any`, `any[]`, `Promise<any>`, `as any`, a type
 * parameter's constraint (`T extends any[]`), …
 * Run after `npm run build`. Usage: node scripts/check-no-any.mjs [dist directory]
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

const distDirectory = process.argv[2] ?? "dist";

/** Whether `node` lies inside the default of a type parameter (`T = any[]`). */
function inTypeParameterDefault(node) {
  for (let child = node, parent = node.parent; parent !== undefined;) {
    if (ts.isTypeParameterDeclaration(parent) && parent.default === child) return true;
    child = parent;
    parent = parent.parent;
  }
  return false;
}

/** Every disallowed `any` type in one declaration file, as `file:line:column  context` strings. */
function findAnyTypes(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (node.kind === ts.SyntaxKind.AnyKeyword && !inTypeParameterDefault(node)) {
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
  console.error(
    `check-no-any: \`any\` outside a type parameter default in the public declarations:\n${problems.join("\n")}`,
  );
  process.exit(1);
}
console.log(
  `check-no-any: ${files.length} declaration files, no \`any\` outside type parameter defaults`,
);

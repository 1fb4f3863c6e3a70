/**
 * Fails if a symbol exported by one of the package's entry points lacks a documentation comment
 * with an `@example`, or if a member of an exported interface, class or object type lacks a
 * documentation comment. These comments are the API documentation (`npm run docs`), so a missing
 * one is a hole in it. Usage: node scripts/check-docs.mjs [entry.ts …]
 */
import ts from "typescript";

const entryPoints =
  process.argv.length > 2 ? process.argv.slice(2) : ["src/index.ts", "src/bridge/install.ts"];

const program = ts.createProgram(entryPoints, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  types: ["node"],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

/** "file:line" of a declaration, for the report. */
function where(declaration) {
  const source = declaration.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(declaration.getStart(source));
  return `${source.fileName}:${line + 1}`;
}

function hasDocumentation(symbol) {
  return ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim().length > 0;
}

function hasExample(symbol) {
  return symbol.getJsDocTags(checker).some((tag) => tag.name === "example");
}

/** Members declared by the library itself (not inherited from lib.*.d.ts types such as Error). */
function ownMembers(symbol) {
  const members = [];
  for (const declaration of symbol.declarations ?? []) {
    if (
      ts.isInterfaceDeclaration(declaration) ||
      ts.isClassDeclaration(declaration) ||
      (ts.isTypeAliasDeclaration(declaration) && ts.isTypeLiteralNode(declaration.type))
    ) {
      const elements = ts.isTypeAliasDeclaration(declaration)
        ? declaration.type.members
        : declaration.members;
      for (const element of elements) {
        if (element.name === undefined || ts.isConstructorDeclaration(element)) continue;
        if (ts.isComputedPropertyName(element.name)) continue; // type-only brands
        const modifiers = ts.canHaveModifiers(element) ? (ts.getModifiers(element) ?? []) : [];
        if (modifiers.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword)) continue;
        if (ts.isPrivateIdentifier(element.name)) continue;
        members.push(element);
      }
    }
  }
  return members;
}

const problems = [];
const seen = new Set();
let checked = 0;
for (const entry of entryPoints) {
  const source = program.getSourceFile(entry);
  if (source === undefined) throw new Error(`check-docs: cannot read ${entry}`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol =
      exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    checked++;
    const declaration = symbol.declarations?.[0];
    const location = declaration ? where(declaration) : entry;
    if (!hasDocumentation(symbol))
      problems.push(`${location}  ${exported.name}: no documentation comment`);
    else if (!hasExample(symbol)) problems.push(`${location}  ${exported.name}: no @example`);
    for (const member of ownMembers(symbol)) {
      const memberSymbol = checker.getSymbolAtLocation(member.name);
      // A member documented only by tags (`@deprecated Use done`) counts as documented.
      const documented =
        memberSymbol === undefined ||
        hasDocumentation(memberSymbol) ||
        memberSymbol.getJsDocTags(checker).length > 0;
      if (!documented) {
        problems.push(
          `${where(member)}  ${exported.name}.${member.name.getText()}: no documentation comment`,
        );
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`check-docs: ${problems.length} undocumented:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`check-docs: ${checked} exported symbols documented with examples`);

/**
 * Gives back to the build the `const` that bundling took away.
 *
 * When it bundles, esbuild writes every top-level `const`, `let` and `class` of the sources as a
 * `var` (its FAQ, "top-level var": JavaScriptCore once checked the temporal dead zone slowly).
 * V8 pays for that instead. TurboFan knows the module's scope when it optimizes a function of an
 * ES module, and folds a read of a `const` binding of that scope into the value itself; a `var`
 * (or a function declaration, which is as assignable) is loaded at every use and, where a call or
 * `new` is inlined, compared with the function it was when the code was compiled. Written back as
 * `const`, the calls and constructions of the core's hot paths are direct: a then-chain link
 * about 750 -> 625 instructions, create + then + resolve about 1,035 -> 955 (docs/architecture.md,
 * "Top-level bindings").
 *
 * `constBindings(code, { functions })` rewrites, in one bundle's code:
 * - every top-level `var` statement whose names are never assigned again into a `const`;
 * - with `functions`, every top-level function declaration whose name is never assigned into
 *   `const name = function name(…) {…};` (same name, same `this` and `arguments`; only the
 *   hoisting differs, see below).
 * A `const` cannot be read before its statement has run, where a `var` reads `undefined` and a
 * function declaration its function. So a name is left as it is when the code that runs while the
 * bundle loads (top-level statements, class static blocks and static field initializers, computed
 * keys, functions called at once or passed to a call, and, conservatively, everything in the
 * declarations of the names it reads) refers to it before or in its own statement. The names are matched as text, without scopes: a
 * parameter or local of the same name that is assigned keeps the top-level one a `var`, which only
 * costs the speed, never the meaning.
 */
import ts from "typescript";

/**
 * @param {string} code      one bundle's JavaScript (an ES module or a CommonJS module body)
 * @param {{ functions: boolean }} options
 * @returns {{ code: string, converted: string[] }} the rewritten code, and the names made `const`
 */
export function constBindings(code, { functions }) {
  const file = ts.createSourceFile(
    "bundle.js",
    code,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.JS,
  );
  const assigned = assignedNames(file);
  const declared = countTopLevelDeclarations(file);
  const earlyReads = namesReadWhileLoading(file);

  /** @type {{ start: number, end: number, text: string }[]} */
  const edits = [];
  const converted = [];
  file.statements.forEach((statement, index) => {
    const convertible = (name) =>
      !assigned.has(name) && declared.get(name) === 1 && !(earlyReads.get(name) <= index);
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      if ((list.flags & ts.NodeFlags.BlockScoped) !== 0 || statement.modifiers?.length) return;
      const names = list.declarations.map((declaration) =>
        ts.isIdentifier(declaration.name) && declaration.initializer !== undefined
          ? declaration.name.text
          : undefined,
      );
      if (!names.every((name) => name !== undefined && convertible(name))) return;
      const keyword = list.getStart(file);
      edits.push({ start: keyword, end: keyword + "var".length, text: "const" });
      converted.push(...names);
    } else if (
      functions &&
      ts.isFunctionDeclaration(statement) &&
      statement.name !== undefined &&
      statement.body !== undefined &&
      statement.modifiers === undefined &&
      statement.asteriskToken === undefined &&
      convertible(statement.name.text)
    ) {
      const name = statement.name.text;
      const start = statement.getStart(file);
      edits.push({ start, end: start, text: `const ${name} = ` });
      edits.push({ start: statement.end, end: statement.end, text: ";" });
      converted.push(name);
    }
  });
  // In the order they were made: where one statement ends at the start of the next (minified
  // code), the `;` closing the first goes before the `const` opening the second.
  let result = "";
  let copied = 0;
  for (const edit of edits) {
    result += code.slice(copied, edit.start) + edit.text;
    copied = edit.end;
  }
  return { code: result + code.slice(copied), converted };
}

const ASSIGNMENTS = new Set([
  ts.SyntaxKind.EqualsToken,
  ts.SyntaxKind.PlusEqualsToken,
  ts.SyntaxKind.MinusEqualsToken,
  ts.SyntaxKind.AsteriskEqualsToken,
  ts.SyntaxKind.AsteriskAsteriskEqualsToken,
  ts.SyntaxKind.SlashEqualsToken,
  ts.SyntaxKind.PercentEqualsToken,
  ts.SyntaxKind.LessThanLessThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandEqualsToken,
  ts.SyntaxKind.BarEqualsToken,
  ts.SyntaxKind.CaretEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Every name assigned anywhere in the file, in any scope: `x = …`, `x += …`, `x++`, `[x] = …`. */
function assignedNames(file) {
  const names = new Set();
  const addTargets = (target) => {
    if (ts.isIdentifier(target)) names.add(target.text);
    else if (ts.isParenthesizedExpression(target)) addTargets(target.expression);
    // A destructuring target: every name it reads or binds (conservative: defaults too).
    else if (ts.isObjectLiteralExpression(target) || ts.isArrayLiteralExpression(target)) {
      for (const name of allIdentifiers(target)) names.add(name);
    }
  };
  file.forEachChild(function visit(node) {
    if (ts.isBinaryExpression(node) && ASSIGNMENTS.has(node.operatorToken.kind)) {
      addTargets(node.left);
    } else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken ||
        node.operator === ts.SyntaxKind.MinusMinusToken)
    ) {
      addTargets(node.operand);
    } else if (
      (ts.isForInStatement(node) || ts.isForOfStatement(node)) &&
      !ts.isVariableDeclarationList(node.initializer)
    ) {
      addTargets(node.initializer);
    }
    node.forEachChild(visit);
  });
  return names;
}

/**
 * How many times each name is declared in the top-level scope: by the top-level statements, and
 * by the `var`s of the top-level code's blocks and loops (`if (…) { var x = 1; }`), with which a
 * `const` of the same name would be a syntax error. A name declared twice stays as it is.
 */
function countTopLevelDeclarations(file) {
  const counts = new Map();
  const add = (name) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const addBound = (name) => {
    if (ts.isIdentifier(name)) add(name.text);
    else
      for (const element of name.elements)
        if (!ts.isOmittedExpression(element)) addBound(element.name);
  };
  for (const statement of file.statements) {
    // The `var`s are counted below, with those of nested blocks.
    if (!ts.isVariableStatement(statement)) declaredNames(statement).forEach(add);
  }
  file.forEachChild(function visit(node) {
    // A function, method or static block is a scope of its own.
    if (ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) addBound(declaration.name);
    }
    node.forEachChild(visit);
  });
  return counts;
}

/**
 * For each name the code run while the bundle loads may read: the index of the first top-level
 * statement that may read it. A statement reads what its own code run at load time names, and,
 * transitively, every name in the declarations of the top-level names it reads (a function it
 * calls, a class it constructs, an object whose methods it calls).
 */
function namesReadWhileLoading(file) {
  /** The names each top-level declaration's whole text refers to. */
  const referencesOf = new Map();
  for (const statement of file.statements) {
    for (const name of declaredNames(statement)) referencesOf.set(name, allIdentifiers(statement));
  }
  const firstRead = new Map();
  file.statements.forEach((statement, index) => {
    const pending = [...identifiersRunAtLoad(statement)];
    while (pending.length > 0) {
      const name = pending.pop();
      if (firstRead.has(name)) continue;
      firstRead.set(name, index);
      for (const next of referencesOf.get(name) ?? []) pending.push(next);
    }
  });
  return firstRead;
}

function declaredNames(statement) {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations
      .filter((declaration) => ts.isIdentifier(declaration.name))
      .map((declaration) => declaration.name.text);
  }
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) &&
    statement.name !== undefined
  ) {
    return [statement.name.text];
  }
  return [];
}

function allIdentifiers(node) {
  const names = new Set();
  node.forEachChild(function visit(child) {
    if (ts.isIdentifier(child) && isReference(child)) names.add(child.text);
    child.forEachChild(visit);
  });
  return names;
}

/**
 * Whether an identifier names a binding to read, rather than a property (`a.name`, `{ name: 1 }`,
 * a method), or the name a declaration binds.
 */
function isReference(identifier) {
  const parent = identifier.parent;
  if (ts.isPropertyAccessExpression(parent)) return parent.expression === identifier;
  if (ts.isShorthandPropertyAssignment(parent)) return true;
  if (ts.isBindingElement(parent)) return parent.initializer === identifier;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (NAMED_DECLARATIONS.some((isKind) => isKind(parent))) return parent.name !== identifier;
  return true;
}

/** Nodes whose `name` is not a read: what they declare, or a property's key. */
const NAMED_DECLARATIONS = [
  ts.isVariableDeclaration,
  ts.isFunctionDeclaration,
  ts.isFunctionExpression,
  ts.isClassDeclaration,
  ts.isClassExpression,
  ts.isParameter,
  ts.isPropertyAssignment,
  ts.isMethodDeclaration,
  ts.isPropertyDeclaration,
  ts.isGetAccessorDeclaration,
  ts.isSetAccessorDeclaration,
];

/**
 * The names a top-level statement's own load-time code refers to: everything but the bodies of
 * functions that are not called at once, and, in classes, their methods and instance fields.
 */
function identifiersRunAtLoad(statement) {
  const names = new Set();
  if (ts.isFunctionDeclaration(statement)) return names;
  statement.forEachChild(function visit(node) {
    if (ts.isIdentifier(node)) {
      if (isReference(node)) names.add(node.text);
    } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      // A function called at once runs now, and so may one passed to a call (`forEach`, an
      // executor): their bodies count as load time. One inside an object passed along does not.
      for (const part of [node.expression, ...(node.arguments ?? [])]) {
        const called = calledFunction(part);
        visit(called === undefined ? part : called.body);
      }
    } else if (ts.isFunctionLike(node)) {
      // Runs later, if at all: a function, or a method or accessor of an object literal.
      if (node.name !== undefined && ts.isComputedPropertyName(node.name)) visit(node.name);
    } else if (ts.isClassLike(node)) {
      for (const member of node.members) {
        if (member.name !== undefined && ts.isComputedPropertyName(member.name)) visit(member.name);
        const isStatic = member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (ts.isClassStaticBlockDeclaration(member)) visit(member.body);
        else if (ts.isPropertyDeclaration(member) && isStatic && member.initializer) {
          visit(member.initializer);
        }
      }
      node.heritageClauses?.forEach(visit);
    } else {
      node.forEachChild(visit);
    }
  });
  return names;
}

/** The function literal `part` is, or whose `call`/`apply`/`bind` it is (`(function () {}).call`). */
function calledFunction(part) {
  const target = skipParentheses(part);
  if (isFunctionLiteral(target)) return target;
  if (ts.isPropertyAccessExpression(target)) {
    const owner = skipParentheses(target.expression);
    if (isFunctionLiteral(owner)) return owner;
  }
  return undefined;
}

function isFunctionLiteral(node) {
  return ts.isFunctionExpression(node) || ts.isArrowFunction(node);
}

function skipParentheses(node) {
  return ts.isParenthesizedExpression(node) ? skipParentheses(node.expression) : node;
}

// A local ESLint rule: a "use client" module must not import, directly or
// through any chain of value imports, a module that only runs on the server.
// import/no-restricted-paths checks folders and direct imports only; a client
// component lives in app/ as often as in components/, and the database is
// usually reached through a lib/ helper, which is what this rule follows.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const SERVER_ONLY = "server-only";

function directive(statements) {
  const first = statements[0];
  return first?.type === "ExpressionStatement" && typeof first.directive === "string" ? first.directive : undefined;
}

// ---------- the value imports of a file on disk (TypeScript's parser) ----------

const isTypeOnlyImport = (node) => {
  const clause = node.importClause;
  if (!clause) return false; // `import "x"`: runs x
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
};

const isTypeOnlyExport = (node) =>
  node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly));

function scanFile(file) {
  const text = fs.readFileSync(file, "utf8");
  const kind = { ".tsx": ts.ScriptKind.TSX, ".jsx": ts.ScriptKind.JSX, ".js": ts.ScriptKind.JS, ".mjs": ts.ScriptKind.JS }[path.extname(file)] ?? ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const first = source.statements[0];
  const firstDirective = first && ts.isExpressionStatement(first) && ts.isStringLiteral(first.expression) ? first.expression.text : undefined;
  const specifiers = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node)) specifiers.push(node.moduleSpecifier.text);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !isTypeOnlyExport(node)) specifiers.push(node.moduleSpecifier.text);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) specifiers.push(argument.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { directive: firstDirective, specifiers };
}

// Parsed files, kept while unchanged on disk (an editor's ESLint server lives long).
const scanned = new Map();
function importsOf(file) {
  const mtime = fs.statSync(file).mtimeMs;
  const hit = scanned.get(file);
  if (hit?.mtime === mtime) return hit.result;
  const result = scanFile(file);
  scanned.set(file, { mtime, result });
  return result;
}

// ---------- resolution (the project's tsconfig, so "@/…" works) ----------

const compilerOptionsByRoot = new Map();
function compilerOptions(root) {
  let options = compilerOptionsByRoot.get(root);
  if (!options) {
    const configPath = path.join(root, "tsconfig.json");
    const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
    options = { ...ts.convertCompilerOptionsFromJson(config?.compilerOptions ?? {}, root).options, pathsBasePath: root };
    compilerOptionsByRoot.set(root, options);
  }
  return options;
}

/** The project file `specifier` names from `fromFile`, or undefined for a package or an unresolved name. */
function resolveProjectFile(specifier, fromFile, root) {
  const resolved = ts.resolveModuleName(specifier, fromFile, compilerOptions(root), ts.sys).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith(".d.ts")) return undefined;
  return path.resolve(resolved.resolvedFileName);
}

// ---------- the rule ----------

export const noServerOnlyInClient = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" module imports no server-only module, directly or through other imports.' },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          // Files and folders (relative to root) that only run on the server, besides any
          // module with `import "server-only"`.
          serverOnly: { type: "array", items: { type: "string" } },
        },
        required: ["root"],
        additionalProperties: false,
      },
    ],
    messages: {
      serverOnly:
        'This client module imports "{{specifier}}", which runs only on the server ({{chain}}). Import it as a type only, or call the server through a server action in lib/actions/.',
    },
  },
  create(context) {
    const { root, serverOnly = [] } = context.options[0];
    if (directive(context.sourceCode.ast.body) !== "use client") return {};

    const roots = serverOnly.map((entry) => path.resolve(root, entry));
    const isDeclaredServerOnly = (file) => roots.some((r) => file === r || file.startsWith(r + path.sep));
    const relative = (file) => path.relative(root, file);

    // Per linted file: what each module reaches (a chain of files ending in a server-only
    // one, or null). Set to null on entry so that an import cycle ends.
    const reach = new Map();
    const serverChain = (file) => {
      if (reach.has(file)) return reach.get(file);
      reach.set(file, null);
      let chain = null;
      if (isDeclaredServerOnly(file)) chain = [relative(file)];
      else {
        const { directive: fileDirective, specifiers } = importsOf(file);
        // A "use server" module reaches the client as references to its actions (the
        // designed boundary); a "use client" module is checked when it is linted itself.
        if (fileDirective !== "use server" && fileDirective !== "use client") {
          for (const specifier of specifiers) {
            if (specifier === SERVER_ONLY) {
              chain = [`${relative(file)} imports "server-only"`];
              break;
            }
            const target = resolveProjectFile(specifier, file, root);
            const rest = target && serverChain(target);
            if (rest) {
              chain = [relative(file), ...rest];
              break;
            }
          }
        }
      }
      reach.set(file, chain);
      return chain;
    };

    const check = (sourceNode) => {
      if (sourceNode?.type !== "Literal" || typeof sourceNode.value !== "string") return;
      const specifier = sourceNode.value;
      const chain =
        specifier === SERVER_ONLY
          ? ['the "server-only" marker']
          : (() => {
              const target = resolveProjectFile(specifier, context.physicalFilename, root);
              return target ? serverChain(target) : null;
            })();
      if (chain) context.report({ node: sourceNode, messageId: "serverOnly", data: { specifier, chain: chain.join(" → ") } });
    };
    const allType = (specifiers, key) => specifiers.length > 0 && specifiers.every((s) => s[key] === "type");

    return {
      ImportDeclaration(node) {
        if (node.importKind !== "type" && !allType(node.specifiers, "importKind")) check(node.source);
      },
      ExportNamedDeclaration(node) {
        if (node.source && node.exportKind !== "type" && !allType(node.specifiers, "exportKind")) check(node.source);
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== "type") check(node.source);
      },
      ImportExpression(node) {
        check(node.source);
      },
    };
  },
};

const plugin = { rules: { "no-server-only-in-client": noServerOnlyInClient } };
export default plugin;

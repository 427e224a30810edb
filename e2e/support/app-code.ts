import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { routeOf } from "./server-actions";

// Reads the application's source to list what it exposes, so that the specs
// that must cover every endpoint or page learn about a new one by themselves.

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Files under `dir` (relative to the repository) whose name matches. */
export function filesUnder(dir: string, name: RegExp): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => name.test(path.basename(file)))
    .map((file) => path.join(dir, file).split(path.sep).join("/"))
    .sort();
}

/** The names a module exports (functions, consts, `export { a as B }`). */
export function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const names: string[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && exported(statement) && statement.name) names.push(statement.name.text);
    if (ts.isVariableStatement(statement) && exported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    }
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names;
}

export type RouteHandler = { method: string; route: string; file: string };

/** Every exported HTTP method of every `app/**\/route.ts`, e.g. `GET /api/projects/[projectId]/keys`. */
export function routeHandlers(): RouteHandler[] {
  return filesUnder("app", /^route\.(ts|tsx|js)$/).flatMap((file) =>
    exportedNames(file)
      .filter((name) => HTTP_METHODS.has(name))
      .map((method) => ({ method, route: routeOf(file), file })),
  );
}

/** Every page route, e.g. `/projects/[slug]/usage`, from `app/**\/page.tsx`. */
export function pageRoutes(): string[] {
  return filesUnder("app", /^page\.(tsx|ts|jsx|js)$/).map(routeOf);
}

/** Exports of every module that starts with "use server" (in app/ and lib/): the server actions as written. */
export function sourceServerActions(): { name: string; file: string }[] {
  return [...filesUnder("app", /\.(ts|tsx)$/), ...filesUnder("lib", /\.(ts|tsx)$/)]
    .filter((file) => /^\s*["']use server["']/.test(readFileSync(file, "utf8")))
    .flatMap((file) => exportedNames(file).map((name) => ({ name, file })));
}

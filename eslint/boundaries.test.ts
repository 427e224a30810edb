import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The boundary rules of eslint.config.mjs, run through ESLint's Node API on
// fixture sources given virtual paths inside the zones. The fixtures are
// strings here, not files, so the normal lint run never sees them.
const root = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

// The first lint loads the config and its plugins: seconds on a busy machine.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/fixture.ts") });
}, 120_000);

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message, line: m.line }));
}

const ZONES = "import/no-restricted-paths";
const CLIENT = "boundaries/no-server-only-in-client";

describe("a file that breaks a boundary fails lint", () => {
  it.each([
    ["components/ui/fixture.tsx", "@/lib/db"],
    ["lib/client/fixture.ts", "../env"],
    ["lib/client/fixture.ts", "../../server/app"],
    ["lib/fixture.ts", "@/components/ui/button"],
    ["lib/keys/fixture.ts", "../../app/page"],
    ["lib/fixture.ts", "@/server/app"],
    ["server/fixture.ts", "@/lib/actions/create-key"],
    ["server/engine/fixture.ts", "../../app/page"],
  ])("%s importing %s", async (file, specifier) => {
    const messages = await lint(file, `import * as imported from "${specifier}";\nexport const x = imported;\n`);
    expect(messages).toContainEqual(expect.objectContaining({ rule: ZONES, line: 1 }));
  });

  it('a "use client" module that reaches the database through a lib/ helper', async () => {
    const messages = await lint(
      "app/(dashboard)/fixture/_components/list.tsx",
      `"use client";\nimport { listKeys } from "@/lib/keys/queries";\nexport const x = listKeys;\n`,
    );
    expect(messages).toEqual([
      expect.objectContaining({ rule: CLIENT, line: 2, message: expect.stringContaining("lib/keys/queries.ts → lib/db.ts") }),
    ]);
  });

  it('a module is server-only by its `import "server-only"` line, not only by the configured list', async () => {
    const markerOnly = new ESLint({
      cwd: root,
      overrideConfig: { rules: { [CLIENT]: ["error", { root, serverOnly: [] }], [ZONES]: "off" } },
    });
    const [result] = await markerOnly.lintText(`"use client";\nimport { listKeys } from "@/lib/keys/queries";\nexport const x = listKeys;\n`, {
      filePath: path.join(root, "app/fixture/list.tsx"),
    });
    expect(result!.messages).toEqual([
      expect.objectContaining({ ruleId: CLIENT, message: expect.stringContaining('lib/db.ts imports "server-only"') }),
    ]);
  }, 60_000);

  it('a "use client" module that reaches the API engine, re-exports configuration, or imports the marker itself', async () => {
    const messages = await lint(
      "app/fixture/widget.tsx",
      [
        `"use client";`,
        `import "server-only";`,
        `export { env } from "../../lib/env";`,
        `export const load = () => import("@/server/engine/service");`,
        "",
      ].join("\n"),
    );
    expect(messages.map((m) => [m.rule, m.line])).toEqual([
      [CLIENT, 2],
      [CLIENT, 3],
      [CLIENT, 4],
    ]);
  });
});

describe("a file within the boundaries passes", () => {
  it('a "use client" component: server actions, client hooks, UI, and types from anywhere', async () => {
    const code = [
      `"use client";`,
      `import type { DbClient } from "@/lib/db";`,
      `import { type ApiDatabase } from "@/server/engine/database";`,
      `import { createKey } from "@/lib/actions/create-key";`,
      `import { useCreateKey } from "@/lib/client/use-create-key";`,
      `import { Button } from "@/components/ui/button";`,
      `import { keyStatus } from "@/lib/keys/status";`,
      `export type Clients = [DbClient, ApiDatabase];`,
      `export const parts = [createKey, useCreateKey, Button, keyStatus];`,
      "",
    ].join("\n");
    expect(await lint("app/(dashboard)/fixture/_components/form.tsx", code)).toEqual([]);
  });

  it("lib/ and server/ importing the shared domain", async () => {
    expect(await lint("lib/fixture.ts", `import { db } from "./db";\nimport { env } from "@/lib/env";\nexport const x = [db, env];\n`)).toEqual([]);
    expect(await lint("server/fixture.ts", `import { parseKey } from "../lib/keys/format";\nimport { env } from "@/lib/env";\nexport const x = [parseKey, env];\n`)).toEqual([]);
  });
});

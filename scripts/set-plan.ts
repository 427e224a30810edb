// `npm run plan:set -- <project-slug> --plan free|pro`
// `npm run plan:set -- <project-slug> --plan custom --units N --rps N [--test-units N]`
// `--test-units N` (any plan) gives test keys a monthly quota of their own;
// `--test-units shared` makes them share the project's again.
// Takes effect on every running API instance before this command returns.
import { parseArgs } from "node:util";
import { db } from "../lib/db";
import { setPlan, type PlanChange } from "../lib/plans/set-plan";

const USAGE = "Usage: npm run plan:set -- <project-slug> --plan free|pro|custom [--units N --rps N] [--test-units N|shared]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function count(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) fail(`--${name} must be a whole number from 0 to 2147483647.`);
  return value;
}

function parse(): PlanChange {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { plan: { type: "string" }, units: { type: "string" }, rps: { type: "string" }, "test-units": { type: "string" } },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { positionals, values } = parsed;
  const [slug, ...extra] = positionals;
  if (!slug || extra.length) fail("Name exactly one project, by its slug.");
  const plan = values.plan;
  if (plan !== "free" && plan !== "pro" && plan !== "custom") fail("--plan must be free, pro or custom.");
  const testUnits = values["test-units"] === "shared" ? null : count("test-units", values["test-units"]);
  const rps = count("rps", values.rps);
  if (rps === 0) fail("--rps must be at least 1.");
  return { slug, plan, units: count("units", values.units), rps, testUnits };
}

async function main() {
  const change = parse();
  try {
    const project = await setPlan(change);
    const { monthlyUnits, rps, testMonthlyUnits } = project.limits;
    console.log(
      `${project.name} (${project.slug}): plan ${project.plan}, ${monthlyUnits} units a month, ${rps} requests/s per key, ` +
        (testMonthlyUnits === null ? "test keys share the quota." : `test keys ${testMonthlyUnits} units a month of their own.`),
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    fail(code === "P2025" ? `No project has the slug "${change.slug}".` : (error as Error).message);
  } finally {
    await db.$disconnect();
  }
}

void main();

// `npm run db:reseal-embed-secrets`: once, after `npm run db:migrate`,
// when upgrading from a version whose sealed signing secrets carried no
// associated data (finding 9, docs/SECURITY.md). It needs DATABASE_URL and
// EMBED_ENCRYPTION_KEY (the servers' values), so it cannot be a SQL migration.
// Until it has run, embed sessions of projects created before the upgrade
// are refused with a message naming this script. Running it again does nothing.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { apiEnvOrExit } from "../lib/env";
import { resealLegacySecrets } from "../lib/embed/reseal";

async function main() {
  const config = apiEnvOrExit();
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: 1 }) });
  try {
    const count = await resealLegacySecrets(client, config.EMBED_ENCRYPTION_KEY);
    console.log(`re-sealed ${count} embed signing secret${count === 1 ? "" : "s"} with their project and secret ids as associated data`);
  } finally {
    await client.$disconnect();
  }
}

void main();

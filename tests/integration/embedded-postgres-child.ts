// A stand-in for `npm run dev` in scripts/lib/embedded-postgres.int.test.ts:
// starts the dev database wrapper on argv[2], prints where it runs, then
// waits to be killed. It has no signal handlers of its own, so whatever
// signal ends it, only the wrapper's supervisor can stop the server.
import { startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

void startEmbeddedPostgres({ dataDir: process.argv[2]!, port: 0 }).then((db) => {
  console.log(JSON.stringify({ pid: db.pid, port: db.port }));
  setInterval(() => {}, 60_000);
});

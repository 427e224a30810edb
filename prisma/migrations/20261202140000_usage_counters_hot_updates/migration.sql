-- Metering adds to the same usage rows every second (one row per key and
-- hour, one per key and day), and none of the columns it changes is
-- indexed. With full pages every such update wrote a new row version on
-- another page and new entries in every index of the table: under 1 % were
-- HOT updates with the benchmark batches of 12,000 keys. With room left on
-- each page PostgreSQL keeps the new version on the same page and the
-- indexes untouched (over 90 % HOT), which more than halved the database
-- time of a flush (docs/BENCHMARKS.md). Only pages written from now on keep
-- the room. A VACUUM FULL gives it to the existing ones too, under an
-- exclusive lock while it runs. (No semicolons or quotes in these comments:
-- the migration runner splits statements before it strips comments.)
ALTER TABLE "usage_hourly" SET (fillfactor = 70);
ALTER TABLE "usage_daily" SET (fillfactor = 70);
ALTER TABLE "project_usage" SET (fillfactor = 70);
-- The same for the keys: metering moves last_used_at (at most once a minute
-- per key) and credits_used, neither of them indexed.
ALTER TABLE "api_keys" SET (fillfactor = 80);

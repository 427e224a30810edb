/**
 * Verifies every key once with cost 1 (a few callers at a time), so that a
 * benchmark or a fault scenario starts on a warm cache; returns the units of
 * the 200s, which the service will record.
 */
export async function verifyEach(url: string, keys: readonly string[], callers = 32, fields: Record<string, unknown> = {}): Promise<number> {
  const body = JSON.stringify({ cost: 1, ...fields });
  let next = 0;
  let units = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (next < keys.length) {
        const key = keys[next++]!;
        const response = await fetch(`${url}/api/v1/verify`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
        await response.arrayBuffer();
        if (response.status === 200) units += 1;
      }
    }),
  );
  return units;
}

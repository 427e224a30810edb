import type { Adapter, AdapterPayload } from "oidc-provider";

interface StoredEntry {
  model: string;
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * Sessions, codes and tokens kept in this process's memory. oidc-provider has
 * a built-in equivalent but warns on every start that it "MUST" be replaced;
 * for a dev provider memory is the right store (a restart signs people out of
 * the provider, which Keycloak's dev mode does too), so this small one is used
 * instead. Lookups scan the map: it holds a handful of entries in dev.
 */
export function createMemoryAdapter(): (model: string) => Adapter {
  const store = new Map<string, StoredEntry>();

  function removeExpired(): void {
    const now = Date.now();
    for (const [key, entry] of store) {
      if (entry.expiresAt <= now) store.delete(key);
    }
  }

  function findWhere(model: string, matches: (payload: AdapterPayload) => boolean): AdapterPayload | undefined {
    removeExpired();
    for (const entry of store.values()) {
      if (entry.model === model && matches(entry.payload)) return entry.payload;
    }
    return undefined;
  }

  return (model) => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        removeExpired();
        const expiresAt = typeof expiresIn === "number" ? Date.now() + expiresIn * 1000 : Infinity;
        store.set(keyFor(id), { model, payload, expiresAt });
      },
      async find(id) {
        removeExpired();
        return store.get(keyFor(id))?.payload;
      },
      async findByUid(uid) {
        return findWhere(model, (payload) => payload.uid === uid);
      },
      async findByUserCode(userCode) {
        return findWhere(model, (payload) => payload.userCode === userCode);
      },
      async consume(id) {
        const entry = store.get(keyFor(id));
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(keyFor(id));
      },
      // Called on logout and on code replay: every token of the grant goes.
      async revokeByGrantId(grantId) {
        for (const [key, entry] of store) {
          if (entry.payload.grantId === grantId) store.delete(key);
        }
      },
    };
  };
}

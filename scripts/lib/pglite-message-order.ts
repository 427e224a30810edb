import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// pglite-socket 0.2 queues every protocol *message* of every connection on
// one single-session database, first come first served. An extended-protocol
// query is several messages (Parse, Bind, Describe, Execute, then Sync), so two
// connections' queries interleave: one connection's Bind can bind the other's
// Parse and return its rows. That was seen here (3 of 900 concurrent queries
// answered wrongly). This keeps a connection's messages together: once it
// starts an extended query, only its messages run until its Sync.

type QueueItem = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};

type QueueManager = {
  queue: QueueItem[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData: (data: Uint8Array) => void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
};

const SYNC = 0x53; // 'S'
const SIMPLE_QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]); // P B D E C H

export function keepExtendedQueriesTogether(server: PGLiteSocketServer) {
  const manager = (server as unknown as { queryQueue?: QueueManager }).queryQueue;
  if (!manager || typeof manager.processQueue !== "function" || !Array.isArray(manager.queue)) {
    throw new Error("pglite-socket's internals changed: review scripts/lib/pglite-message-order.ts");
  }
  let owner: number | null = null; // the connection in the middle of an extended query

  manager.processQueue = async function processQueue(this: QueueManager) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        // A connection mid-query, or the one with an open transaction, goes on alone.
        const exclusive = owner ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = exclusive === null ? 0 : this.queue.findIndex((item) => item.handlerId === exclusive);
        if (index === -1) break; // wait for that connection's next message
        const [item] = this.queue.splice(index, 1) as [QueueItem];
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          owner = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0]!;
        if (EXTENDED.has(type)) owner = item.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY || type === TERMINATE) owner = null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = manager.clearQueueForHandler.bind(manager);
  manager.clearQueueForHandler = (handlerId: number) => {
    if (owner === handlerId) owner = null;
    clear(handlerId);
    void manager.processQueue();
  };
}

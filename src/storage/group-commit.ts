import type { DB } from './db.ts';

/**
 * Small independent writes of one statement each (an update stored on receipt, a reply marked delivered) that arrive in the same turn of the
 * event loop are committed together, in one transaction: a commit is most of such a write's cost. Each caller's
 * promise settles only once its write is committed, so "stored before acknowledged" and "delivered, then marked"
 * hold as if each committed alone. When the shared transaction fails, each write is retried alone, so one bad
 * write never fails the others and every caller gets its own outcome.
 */
export interface GroupCommit {
  run<T>(write: (tx: DB) => Promise<T>): Promise<T>;
}

interface Pending {
  write: (tx: DB) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export function createGroupCommit(db: DB): GroupCommit {
  let queue: Pending[] = [];

  async function flush(): Promise<void> {
    const batch = queue;
    queue = [];
    if (batch.length > 1) {
      try {
        const results = await db.transaction().execute(async (tx) => {
          const out: unknown[] = [];
          for (const p of batch) out.push(await p.write(tx));
          return out;
        });
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch {
        // Rolled back whole: each write is tried alone below.
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await p.write(db));
      } catch (err) {
        p.reject(err);
      }
    }
  }

  return {
    run<T>(write: (tx: DB) => Promise<T>): Promise<T> {
      // Inside a transaction already (services bound to an update): the write belongs to it.
      if (db.isTransaction) return write(db);
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) setImmediate(() => void flush());
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}

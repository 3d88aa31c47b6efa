import { CompiledQuery, SqliteAdapter } from 'kysely';
import { inTransaction, type DB } from './db.ts';
import { isConnectionLoss } from './postgres.ts';

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

/**
 * Collects the calls made in one turn of the event loop and hands them to `flush` together; a caller already inside
 * a transaction (services bound to an update) runs in it at once.
 */
function inBatches(db: DB, flush: (batch: Pending[]) => Promise<void>): GroupCommit {
  let queue: Pending[] = [];
  return {
    run<T>(write: (tx: DB) => Promise<T>): Promise<T> {
      if (db.isTransaction) return write(db);
      return new Promise<T>((resolve, reject) => {
        if (queue.length === 0) {
          setImmediate(() => {
            const batch = queue;
            queue = [];
            // Not awaited (a setImmediate callback): flush settles every pending write, its failures included.
            void flush(batch);
          });
        }
        queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}

export function createGroupCommit(db: DB): GroupCommit {
  return inBatches(db, async (batch) => {
    if (batch.length > 1) {
      try {
        const results = await db.transaction().execute(async (tx) => {
          const out: unknown[] = [];
          for (const p of batch) out.push(await p.write(tx));
          return out;
        });
        batch.forEach((p, i) => p.resolve(results[i]));
        return;
      } catch (err) {
        // Rolled back whole: each write is tried alone below — unless the database did not answer or the connection
        // broke, when alone each would only wait out the same timeout again.
        if (isConnectionLoss(err)) {
          for (const p of batch) p.reject(err);
          return;
        }
      }
    }
    for (const p of batch) {
      try {
        p.resolve(await p.write(db));
      } catch (err) {
        p.reject(err);
      }
    }
  });
}

const SAVEPOINT = CompiledQuery.raw('savepoint grouped');
const ROLLBACK_TO = CompiledQuery.raw('rollback to savepoint grouped');
const RELEASE = CompiledQuery.raw('release savepoint grouped');

/**
 * Transactions that arrive in the same turn of the event loop (the updates of several people, stored by one
 * getUpdates batch) run one after another inside one SQLite transaction, each in a savepoint of its own: they share
 * one commit, the most of a small transaction's cost. A caller whose work fails is rolled back alone (its savepoint)
 * and gets its own error; the others go on. Every caller's promise settles only after the shared commit, so a result
 * is never acted on before it is durable; a failed commit fails them all, and nothing of theirs is kept.
 * PostgreSQL runs each transaction on its own (a shared one would make every caller wait on the slowest row lock).
 */
export function createGroupTransaction(db: DB): GroupCommit {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return { run: (work) => inTransaction(db, work) };

  async function runShared(batch: Pending[]): Promise<void> {
    const outcomes: { ok: boolean; value: unknown }[] = [];
    const trx = await db.startTransaction().execute();
    try {
      for (const p of batch) {
        await trx.executeQuery(SAVEPOINT);
        try {
          outcomes.push({ ok: true, value: await p.write(trx) });
        } catch (err) {
          await trx.executeQuery(ROLLBACK_TO);
          outcomes.push({ ok: false, value: err });
        }
        await trx.executeQuery(RELEASE);
      }
      await trx.commit().execute();
    } catch (err) {
      // The transaction itself failed (SQLite may already have rolled it back): nothing of the batch is kept.
      await trx.rollback().execute().catch(() => undefined);
      throw err;
    }
    batch.forEach((p, i) => (outcomes[i]!.ok ? p.resolve(outcomes[i]!.value) : p.reject(outcomes[i]!.value)));
  }

  return inBatches(db, async (batch) => {
    if (batch.length === 1) {
      const [p] = batch;
      return db.transaction().execute(p!.write).then(p!.resolve, p!.reject);
    }
    await runShared(batch).catch((err: unknown) => batch.forEach((p) => p.reject(err)));
  });
}

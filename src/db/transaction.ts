// One way to run a unit of work: `withTransaction` opens the transaction, and what must happen only once it
// has committed (delivering the messages it queued, telling the console, handing timers to the scheduler)
// is registered on it with `afterCommit` and run, in order, right after the commit — never after a rollback.
import type { Db, Tx } from './create-db.js';

export type AfterCommitCallback = () => Promise<void> | void;

const pending = new WeakMap<Tx, AfterCommitCallback[]>();

/**
 * Runs `work` in a transaction, then the callbacks it registered with `afterCommit`, awaited in order. The
 * first callback error is thrown after every callback has run (the transaction itself stays committed).
 */
export async function withTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const callbacks: AfterCommitCallback[] = [];
  let opened: Tx | undefined;
  const result = await db.transaction().execute((tx) => {
    opened = tx;
    pending.set(tx, callbacks);
    return work(tx);
  });
  let failure: { error: unknown } | undefined;
  // A callback may register more (a delivery that records what it sent); they run in the same pass.
  for (let index = 0; index < callbacks.length; index += 1) {
    try {
      await callbacks[index]!();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (opened) pending.delete(opened);
  if (failure) throw failure.error;
  return result;
}

/**
 * Registers what runs once `tx` has committed. Only a transaction opened by `withTransaction` has an
 * after-commit: anything else is a mistake that would lose the work silently, so it throws.
 */
export function afterCommit(tx: Tx, callback: AfterCommitCallback): void {
  const callbacks = pending.get(tx);
  if (!callbacks) throw new Error('afterCommit needs a transaction opened by withTransaction (src/db/transaction.ts)');
  callbacks.push(callback);
}

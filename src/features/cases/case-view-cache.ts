// Case JSON kept between reads, on the embedded store only, where this process is the database's only
// client and counts every write (src/db/write-count.ts). An entry is served only while the count still
// equals what it was when the read that filled it began: any write completed since — to any table, by any
// feature — makes every entry stale. A write is counted before its caller hears it succeeded, so a reader
// can never be served a case older than the last write that was acknowledged. On PostgreSQL other
// processes write too, and nothing is cached.
import { LRUCache } from 'lru-cache';
import type { WriteCount } from '../../db/write-count.js';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function createCaseViewCache<View>(options: { writes: WriteCount; max: number }) {
  const entries = new LRUCache<string, { writes: number; view: View }>({ max: options.max });
  let writesSeen = options.writes.current();

  /** The case's view: kept, when nothing was written since it was read; else `readView()`, kept frozen for the next reader. */
  async function read(id: string, readView: () => Promise<View>): Promise<View> {
    const writes = options.writes.current();
    if (writes !== writesSeen) {
      // Everything kept is stale: let it go at once rather than entry by entry.
      entries.clear();
      writesSeen = writes;
    }
    const entry = entries.get(id);
    if (entry && entry.writes === writes) return entry.view;
    const view = deepFreeze(await readView());
    // A write that completed while this read ran may or may not be in it: then it is not kept.
    if (options.writes.current() === writes) entries.set(id, { writes, view });
    return view;
  }

  return { read };
}

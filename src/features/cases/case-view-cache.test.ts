// A kept case view is served only while nothing has been written since it was read.
import { describe, expect, it } from 'vitest';
import { createCaseViewCache } from './case-view-cache.js';

function counter() {
  let count = 0;
  return { writes: { current: () => count }, write: () => (count += 1) };
}

describe('the case view cache', () => {
  it('serves a view again while no write has completed, and reads afresh after one', async () => {
    const store = counter();
    const cache = createCaseViewCache<{ id: string; state: string }>({ writes: store.writes, max: 10 });
    let reads = 0;
    const read = (state: string) => async () => {
      reads += 1;
      return { id: 'cas_1', state };
    };
    expect(await cache.read('cas_1', read('open'))).toEqual({ id: 'cas_1', state: 'open' });
    expect(await cache.read('cas_1', read('never read'))).toEqual({ id: 'cas_1', state: 'open' });
    expect(reads).toBe(1);
    store.write();
    expect(await cache.read('cas_1', read('resolved'))).toEqual({ id: 'cas_1', state: 'resolved' });
    expect(reads).toBe(2);
  });

  it('does not keep a read during which a write completed', async () => {
    const store = counter();
    const cache = createCaseViewCache<{ state: string }>({ writes: store.writes, max: 10 });
    await cache.read('cas_1', async () => {
      store.write();
      return { state: 'maybe before the write' };
    });
    expect(await cache.read('cas_1', async () => ({ state: 'after the write' }))).toEqual({ state: 'after the write' });
  });

  it('hands out frozen views, so that no caller can change what the next one gets', async () => {
    const cache = createCaseViewCache<{ messages: { body: string }[] }>({ writes: counter().writes, max: 10 });
    const view = await cache.read('cas_1', async () => ({ messages: [{ body: 'hello' }] }));
    expect(() => {
      view.messages[0]!.body = 'changed';
    }).toThrow(TypeError);
    expect(() => view.messages.push({ body: 'more' })).toThrow(TypeError);
  });
});

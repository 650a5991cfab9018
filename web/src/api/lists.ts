// Reads list answers whose envelope is not pinned down yet: a bare array or `{items}`.
import type { ListOf } from './types';

export function itemsOf<T>(list: ListOf<T>): T[] {
  return Array.isArray(list) ? list : list.items;
}

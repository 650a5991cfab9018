// Keyboard movement through the inbox list: j down, k up, clamped to the list.

/** The row to select after `key` is pressed on row `current` of a list of `length` rows. */
export function nextIndex(options: { current: number; key: string; length: number }): number {
  const { current, key, length } = options;
  if (length === 0) return -1;
  if (key === 'j') return current < 0 ? 0 : Math.min(current + 1, length - 1);
  if (key === 'k') return current < 0 ? 0 : Math.max(current - 1, 0);
  return Math.min(current, length - 1);
}

/** True when a key press belongs to a field the agent is typing in, not to the list. */
export function isTypingTarget(target: { tagName?: string; isContentEditable?: boolean } | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes((target.tagName ?? '').toUpperCase());
}

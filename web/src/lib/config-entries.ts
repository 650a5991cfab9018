// Lists a configuration section whatever its shape: arrays by each item's name, maps by key.

/** Names and values of a section: array items by `name`, `code` or `id` (else position), objects by key. */
export function configEntries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return value.map((item: unknown, index) => {
      const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const name = record['name'] ?? record['code'] ?? record['id'] ?? index + 1;
      return [String(name), item];
    });
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value as Record<string, unknown>);
  return value === undefined || value === null ? [] : [['value', value]];
}

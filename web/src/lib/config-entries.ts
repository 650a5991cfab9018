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

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Business hours of a calendar in one line: days with the same hours share them ("mon, tue 09:00–17:00"). */
function describeHours(hours: unknown): string {
  if (typeof hours !== 'object' || hours === null) return '';
  const byRange = new Map<string, string[]>();
  for (const [day, spans] of Object.entries(hours as Record<string, unknown>)) {
    const range = Array.isArray(spans)
      ? spans.map((s: unknown) => (typeof s === 'object' && s !== null ? `${String((s as Record<string, unknown>)['from'])}–${String((s as Record<string, unknown>)['to'])}` : String(s))).join(', ')
      : String(spans);
    byRange.set(range, [...(byRange.get(range) ?? []), day]);
  }
  return [...byRange].map(([range, days]) => `${days.join(', ')} ${range}`).join('; ');
}

/** One line saying what an entry of a settings section is, so the page reads without opening its JSON. */
export function summarizeEntry(section: string, item: unknown): string {
  if (typeof item !== 'object' || item === null) return item === undefined || item === null ? '' : String(item);
  const r = item as Record<string, unknown>;
  switch (section) {
    case 'policies':
      return text(r['description']) ?? (text(r['opens']) ? `opens ${String(r['opens'])}` : '');
    case 'reasons':
      return text(r['customer_text']) ?? text(r['internal_text']) ?? '';
    case 'templates': {
      const vars = typeof r['variables'] === 'object' && r['variables'] !== null ? Object.keys(r['variables']).length : 0;
      const subject = text(r['subject']);
      return [text(r['channel']), subject && `“${subject}”`, vars ? `${vars} typed value${vars === 1 ? '' : 's'}` : undefined].filter(Boolean).join(' · ');
    }
    case 'calendars': {
      const holidays = Array.isArray(r['holidays']) ? r['holidays'].length : 0;
      return [text(r['zone']), describeHours(r['hours']), holidays ? `${holidays} holiday${holidays === 1 ? '' : 's'}` : undefined].filter(Boolean).join(' · ');
    }
    default:
      return text(r['description']) ?? '';
  }
}

// Shows a loaded configuration section whatever its shape: a list or map of entries, each as YAML-like text.

function entries(value: unknown): Array<[string, unknown]> {
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      const record = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
      const name = record['name'] ?? record['code'] ?? record['id'] ?? String(index + 1);
      return [String(name), item];
    });
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value as Record<string, unknown>);
  return value === undefined || value === null ? [] : [['value', value]];
}

export function DataView({ value }: { value: unknown }) {
  const rows = entries(value);
  if (rows.length === 0) return <p className="muted">None loaded.</p>;
  return (
    <dl className="data-view">
      {rows.map(([name, item]) => (
        <div key={name} className="data-entry">
          <dt>{name}</dt>
          <dd>
            <pre>{JSON.stringify(item, null, 2)}</pre>
          </dd>
        </div>
      ))}
    </dl>
  );
}

// Shows a loaded configuration section as named entries, each with its loaded value.
import { configEntries } from '../lib/config-entries';

export function DataView({ value }: { value: unknown }) {
  const rows = configEntries(value);
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

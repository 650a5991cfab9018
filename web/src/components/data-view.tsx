// Shows a loaded configuration section as named entries: a line saying what each is, its loaded value folded.
import { configEntries, summarizeEntry } from '../lib/config-entries';

export function ConfigDataView({ section, value }: { section: string; value: unknown }) {
  const rows = configEntries(value);
  if (rows.length === 0) return <p className="muted">None loaded.</p>;
  return (
    <dl className="data-view">
      {rows.map(([name, item]) => (
        <div key={name} className="data-entry">
          <dt>
            <code>{name}</code> <span className="entry-summary">{summarizeEntry(section, item)}</span>
          </dt>
          <dd>
            <details>
              <summary>As loaded</summary>
              <pre>{JSON.stringify(item, null, 2)}</pre>
            </details>
          </dd>
        </div>
      ))}
    </dl>
  );
}

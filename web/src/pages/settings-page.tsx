// The loaded configuration, read-only, with its validation errors first.
import { useQuery } from '@tanstack/react-query';
import { fetchSettings } from '../api/settings';
import { DataView } from '../components/data-view';
import { ErrorNote, Loading } from '../components/query-state';

const SECTIONS = [
  { key: 'policies', title: 'Policies' },
  { key: 'calendars', title: 'Calendars' },
  { key: 'reasons', title: 'Reasons' },
  { key: 'templates', title: 'Templates' },
  { key: 'forecast', title: 'Forecast (staffing and surges)' },
  { key: 'surveys', title: 'Surveys' },
] as const;

export function SettingsPage() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: fetchSettings });
  if (settings.isPending) return <Loading what="settings" />;
  if (settings.isError) return <ErrorNote error={settings.error} />;
  const s = settings.data;
  return (
    <div className="settings-page">
      <h1>Settings</h1>
      <p className="muted">Read from kept.config.yaml at start. Edit the file and restart to change them.</p>
      <section aria-labelledby="errors-title">
        <h2 id="errors-title">Validation errors</h2>
        {s.errors.length === 0 ? (
          <p className="ok">The configuration is valid.</p>
        ) : (
          <ul className="config-errors" role="alert">
            {s.errors.map((e, i) => (
              <li key={i}>
                {[e.file, e.line].filter((x) => x !== undefined).join(':')} {e.field && <code>{e.field}</code>} {e.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      {SECTIONS.map((section) => (
        <section key={section.key} aria-labelledby={`${section.key}-title`}>
          <details open>
            <summary>
              <h2 id={`${section.key}-title`}>{section.title}</h2>
            </summary>
            <DataView section={section.key} value={s[section.key]} />
          </details>
        </section>
      ))}
    </div>
  );
}

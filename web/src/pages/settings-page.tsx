// The loaded configuration, read-only, with its validation errors first.
import { useQuery } from '@tanstack/react-query';
import { ConnectorsPanel } from '../components/connectors-panel';
import { ConfigDataView } from '../components/data-view';
import { ErrorNote, Loading } from '../components/query-state';
import { describeTemplatePromise, templatesWithPromises } from '../lib/template-promises';
import { settingsQuery, templatesQuery } from '../api/queries';

const SECTIONS = [
  { key: 'policies', title: 'Policies' },
  { key: 'calendars', title: 'Calendars' },
  { key: 'reasons', title: 'Reasons' },
  { key: 'templates', title: 'Templates' },
  { key: 'forecast', title: 'Forecast (staffing and surges)' },
  { key: 'surveys', title: 'Surveys' },
] as const;

export function SettingsPage() {
  const settings = useQuery(settingsQuery());
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
            <ConfigDataView section={section.key} value={s[section.key]} />
          </details>
        </section>
      ))}
      <ConnectorsPanel />
      <TemplatePromises />
    </div>
  );
}

/** Each promise Kept read in a template, and who owes it once the message goes out. */
function TemplatePromises() {
  const templates = useQuery(templatesQuery());
  return (
    <section aria-labelledby="template-promises-title">
      <h2 id="template-promises-title">What the templates promise</h2>
      {templates.isPending && <Loading what="templates" />}
      {templates.isError && <ErrorNote error={templates.error} />}
      {templates.data && <TemplatePromiseList templates={templatesWithPromises(templates.data)} />}
    </section>
  );
}

function TemplatePromiseList({ templates }: { templates: ReturnType<typeof templatesWithPromises> }) {
  if (templates.length === 0) return <p className="muted">No template promises anything.</p>;
  return (
    <dl className="data-view">
      {templates.map((t) => (
        <div key={t.name} className="data-entry">
          <dt>
            <code>{t.name}</code>
          </dt>
          {t.promises.map((p) => (
            <dd key={`${p.field}-${p.line}-${p.phrase}`}>
              <q>{p.phrase}</q> <span className="entry-summary">{describeTemplatePromise(p)}</span>
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

// Findings of the checks on a draft or a held reply, shown inline in the composer.
import type { Finding } from '../api/types';
import { groupFindings } from '../lib/findings';

export function FindingsPanel({ findings, title, held }: { findings: Finding[]; title: string; held: boolean }) {
  const groups = groupFindings(findings);
  if (groups.length === 0) return null;
  return (
    <section className={held ? 'findings findings-held' : 'findings'} aria-label={title} role={held ? 'alert' : undefined}>
      <h4>{title}</h4>
      <ul>
        {groups.map((group) => (
          <li key={group.code} data-code={group.code}>
            <strong>{group.label}</strong> <code>{group.code}</code>
            {group.details.length > 0 && (
              <ul>
                {group.details.map((detail) => (
                  <li key={detail}>{detail}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

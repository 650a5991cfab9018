// The self-contained HTML report: inline SVG charts and CSS, no script and nothing fetched.
import type { CrackKind } from '../history/history-event.js';
import { crackKinds } from '../history/history-event.js';
import type { AuditSummary, EventSummary, IdList } from './audit-summary.js';
import { crackTitles } from './audit-summary.js';
import { formatAuditReading } from './audit-reading.js';

const esc = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const meaning: Record<CrackKind, string> = {
  silent_state_change:
    'An order changed in a way the customer can see (payment failed, cancelled, delayed, delivery exception, refunded, credited) and no message mentioning the order was sent within the notify window.',
  unacknowledged_contact: 'A customer wrote, called or posted and got no reply at all, not even an automatic one, within the acknowledge window.',
  unanswered_contact: 'A contact got no answer from a person within the first-response window.',
  survey_not_followed_up: 'A survey answer asked to be contacted, or was a detractor, and no person wrote to the customer within the follow-up window.',
  escalation_unanswered: 'The customer asked for a manager and no manager wrote in that conversation within the escalation window.',
  no_progress: 'The customer kept writing, many times within a few days, and nothing happened to any of their orders in between.',
  reason_conflict: 'Two messages about the same order gave different reasons (or a message gave a reason other than the one recorded).',
};

function barChart(summary: AuditSummary): string {
  const rows = crackKinds.map((k) => ({ label: crackTitles[k], value: summary.cracks[k].count }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  const h = 28;
  const bars = rows
    .map((r, i) => {
      const width = Math.round((r.value / max) * 420);
      return `<text x="0" y="${i * h + 18}" class="l">${esc(r.label)}</text><rect x="230" y="${i * h + 5}" width="${width}" height="18" rx="3" class="bar"/><text x="${236 + width}" y="${i * h + 18}" class="v">${r.value.toLocaleString('en-US')}</text>`;
    })
    .join('');
  return `<svg viewBox="0 0 760 ${rows.length * h + 6}" role="img" aria-label="cracks per kind">${bars}</svg>`;
}

function dayChart(summary: AuditSummary): string {
  const days = summary.perDay;
  if (days.length === 0) return '<p>No events.</p>';
  const width = 760;
  const height = 220;
  const top = 10;
  const bottom = 190;
  const left = 50;
  const step = (width - left - 10) / days.length;
  const maxEvents = Math.max(1, ...days.map((d) => d.events));
  const maxCracks = Math.max(1, ...days.map((d) => d.cracks));
  const y = (v: number, max: number) => bottom - ((bottom - top) * v) / max;
  const bars = days
    .map(
      (d, i) =>
        `<rect x="${(left + i * step).toFixed(1)}" y="${y(d.events, maxEvents).toFixed(1)}" width="${Math.max(1, step - 1).toFixed(1)}" height="${(bottom - y(d.events, maxEvents)).toFixed(1)}" class="ev"><title>${esc(d.date)}: ${d.events} events</title></rect>`,
    )
    .join('');
  const line = days.map((d, i) => `${(left + i * step + step / 2).toFixed(1)},${y(d.cracks, maxCracks).toFixed(1)}`).join(' ');
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  const labels = days.map((d, i) => (i % labelEvery === 0 ? `<text x="${(left + i * step).toFixed(1)}" y="${bottom + 16}" class="t">${esc(d.date.slice(5))}</text>` : '')).join('');
  return `<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="events and cracks per day">${bars}<polyline points="${line}" class="cr"/>
<text x="0" y="${top + 8}" class="t">${maxEvents.toLocaleString('en-US')} ev</text><text x="0" y="${bottom}" class="t">0</text>
<text x="${width - 150}" y="${top + 8}" class="t crt">cracks (max ${maxCracks})</text>${labels}</svg>`;
}

function idLine(name: string, list: IdList): string {
  if (list.ids.length === 0) return '';
  const shown = list.ids.slice(0, 12).map(esc).join(', ');
  const more = list.occurrences > 12 ? ` … (${list.occurrences.toLocaleString('en-US')} in all${list.truncated ? `, first ${list.ids.length} kept` : ''})` : '';
  return `<p><b>${name}:</b> ${shown}${more}</p>`;
}

function eventRows(events: EventSummary[]): string {
  return events
    .map(
      (e) =>
        `<tr><td>${esc(e.occurred_at)}</td><td>${esc(e.id)}</td><td>${esc(e.type)}</td><td>${esc(e.channel ?? '')}</td><td>${esc(e.author ?? '')}</td><td>${esc(e.order_id ?? e.thread_ref ?? '')}</td><td>${esc(e.reason ?? (e.score !== undefined ? `score ${e.score}` : ''))}</td><td>${esc(e.text ?? '')}</td></tr>`,
    )
    .join('');
}

function kindSection(summary: AuditSummary, kind: CrackKind): string {
  const t = summary.cracks[kind];
  const ex = t.example;
  const example = ex
    ? `<h4>Example</h4><p>${esc(ex.detail)} Customer <b>${esc(ex.customer)}</b>${ex.order ? `, order <b>${esc(ex.order)}</b>` : ''}${ex.case ? `, case <b>${esc(ex.case)}</b>` : ''}.</p>
<table><thead><tr><th>time</th><th>event</th><th>type</th><th>channel</th><th>author</th><th>order / case</th><th>reason</th><th>text</th></tr></thead><tbody>${eventRows(ex.events)}</tbody></table>`
    : '<p class="ok">None found.</p>';
  return `<section id="${kind}"><h3>${esc(crackTitles[kind])} <span class="n">${t.count.toLocaleString('en-US')}</span></h3><p class="m">${esc(meaning[kind])}</p>
${idLine('Customers', t.customers)}${idLine('Orders', t.orders)}${idLine('Cases', t.cases)}${idLine('Events', t.events)}${example}</section>`;
}

/** The audit as one HTML page that opens offline: summary, charts, each kind of crack with an example and its events. */
export function renderAuditHtml(summary: AuditSummary): string {
  const rate = summary.durationMs > 0 ? Math.round(summary.events / (summary.durationMs / 1000)) : summary.events;
  const broken = summary.broken.count
    ? `<h2>Lines that could not be read (${summary.broken.count.toLocaleString('en-US')})</h2><table><thead><tr><th>line</th><th>problem</th></tr></thead><tbody>${summary.broken.lines.map((b) => `<tr><td>${b.line}</td><td>${esc(b.error)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const w = summary.windows;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kept audit: ${summary.totalCracks.toLocaleString('en-US')} cracks</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#1d2330}
h1{margin-bottom:.2rem}.sub{color:#5b6475;margin-top:0}.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{border:1px solid #d8dde6;border-radius:8px;padding:.6rem .9rem;min-width:9rem}.card b{display:block;font-size:1.5rem}
a.card{color:inherit;text-decoration:none}.bad b{color:#b42318}.zero b{color:#067647}
svg{width:100%;height:auto;margin:.5rem 0 1.5rem}.l,.v,.t{font-size:13px;fill:#1d2330}.bar{fill:#d92d20}.ev{fill:#c7d2e4}.cr{fill:none;stroke:#d92d20;stroke-width:2}.crt{fill:#d92d20}
section{border-top:1px solid #e4e7ec;padding-top:.5rem}.n{background:#fee4e2;color:#b42318;border-radius:10px;padding:0 .5rem;font-size:.9rem}.m{color:#5b6475}.ok{color:#067647}
table{border-collapse:collapse;width:100%;font-size:13px;margin-bottom:1rem}td,th{border:1px solid #e4e7ec;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#f5f7fa}
</style></head><body>
<h1>Kept audit</h1>
<p class="sub">${summary.events.toLocaleString('en-US')} events from ${esc(summary.from ?? '–')} to ${esc(summary.to ?? '–')} · ${(summary.source.bytes / 1e6).toFixed(1)} MB ${summary.source.format.toUpperCase()} · replayed in ${(summary.durationMs / 1000).toFixed(1)} s (${rate.toLocaleString('en-US')} events/s)</p>
<p class="sub">Windows: notify ${w.notifyMinutes} min · acknowledge ${w.acknowledgeMinutes} min · first response ${w.firstResponseMinutes} min · follow-up ${w.followUpMinutes} min · escalation ${w.escalationMinutes} min</p>
<details open><summary>How the file was read</summary><pre>${esc(formatAuditReading({ reading: summary.reading, eventsByType: summary.eventsByType, broken: summary.broken.count, outOfOrder: summary.outOfOrder }))}</pre></details>
<div class="cards"><div class="card ${summary.totalCracks ? 'bad' : 'zero'}">cracks<b>${summary.totalCracks.toLocaleString('en-US')}</b></div>
${crackKinds.map((k) => `<a class="card ${summary.cracks[k].count ? 'bad' : 'zero'}" href="#${k}">${esc(crackTitles[k])}<b>${summary.cracks[k].count.toLocaleString('en-US')}</b></a>`).join('')}</div>
<h2>Cracks by kind</h2>${barChart(summary)}
<h2>Events and cracks per day</h2>${dayChart(summary)}
<h2>Each kind of crack</h2>${crackKinds.map((k) => kindSection(summary, k)).join('\n')}
${broken}
<h2>Still open at the end</h2><p>${crackKinds.map((k) => `${esc(crackTitles[k])}: ${summary.stillOpen[k]}`).join(' · ')}</p>
</body></html>
`;
}

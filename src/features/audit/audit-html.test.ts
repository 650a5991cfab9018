import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../history/generate-history.js';
import { crackKinds } from '../history/history-event.js';
import { renderAuditHtml } from './audit-html.js';
import { formatAuditSummary } from './audit-terminal.js';
import { runAudit } from './run-audit.js';

describe('the audit report', () => {
  it('is one offline page with charts, every kind of crack and an example with its events', async () => {
    const history = generateHistory({ seed: 31, days: 8, journeysPerDay: 60, cracks: { rate: 0.15 } });
    const summary = await runAudit({
      input: Readable.from(
        (function* () {
          for (const e of history) yield `${JSON.stringify(e)}\n`;
        })(),
      ),
    });
    const html = renderAuditHtml(summary);
    expect(html.match(/<svg/g)?.length).toBe(2);
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    for (const kind of crackKinds) {
      expect(html).toContain(`id="${kind}"`);
      const example = summary.cracks[kind].example;
      expect(example, kind).not.toBeNull();
      expect(html).toContain(example?.events[0]?.id as string);
    }
    const text = formatAuditSummary(summary);
    expect(text).toContain(`total${' '.repeat(27)}${String(summary.totalCracks).padStart(10)}`);
  });

  it('escapes what customers wrote', async () => {
    const summary = await runAudit({
      input: Readable.from([
        `${JSON.stringify({ id: 'c1', type: 'contact.received', occurred_at: '2026-12-01T10:00:00Z', customer: { email: 'x@example.com' }, data: { channel: 'web_form', text: '<img src=x onerror=alert(1)>', thread_ref: 'T1' } })}\n`,
        `${JSON.stringify({ id: 'o1', type: 'order.shipped', occurred_at: '2026-12-02T10:00:00Z', customer: { email: 'y@example.com' }, order: { id: 'B-1' }, data: {} })}\n`,
      ]),
    });
    const html = renderAuditHtml(summary);
    expect(summary.cracks.unacknowledged_contact.count).toBe(1);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
  });
});

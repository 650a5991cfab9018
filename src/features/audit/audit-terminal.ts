// The audit on the terminal: a summary table, and `kept audit <file>` with its progress bar.
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { crackKinds } from '../history/history-event.js';
import type { AuditSummary } from './audit-summary.js';
import { crackTitles } from './audit-summary.js';
import { parseReasonsYaml } from '../comms/reason-catalog.js';
import { shippedConfigPath } from '../../config/config.js';
import { listedAgentSchema } from './audit-authors.js';
import { renderAuditHtml } from './audit-html.js';
import { formatAuditReading } from './audit-reading.js';
import { runAudit } from './run-audit.js';

const n = (v: number): string => v.toLocaleString('en-US');

/** A plain-text summary: one line per kind of crack with the ids of a few customers involved. */
export function formatAuditSummary(summary: AuditSummary): string {
  const rate = summary.durationMs > 0 ? summary.events / (summary.durationMs / 1000) : 0;
  const lines = [
    formatAuditReading({ reading: summary.reading, eventsByType: summary.eventsByType, broken: summary.broken.count, outOfOrder: summary.outOfOrder }),
    '',
    `Replayed ${n(summary.events)} events (${summary.from ?? '–'} → ${summary.to ?? '–'}) in ${(summary.durationMs / 1000).toFixed(1)} s, ${n(Math.round(rate))} events/s.`,
    summary.broken.count
      ? `${n(summary.broken.count)} lines could not be read (first at line ${summary.broken.lines[0]?.line ?? '?'}: ${summary.broken.lines[0]?.error ?? ''}).`
      : 'Every line was read.',
    '',
    `${'crack'.padEnd(32)}${'count'.padStart(10)}${'customers'.padStart(11)}  examples`,
  ];
  for (const kind of crackKinds) {
    const t = summary.cracks[kind];
    lines.push(`${crackTitles[kind].padEnd(32)}${n(t.count).padStart(10)}${n(t.customers.occurrences).padStart(11)}  ${t.customers.ids.slice(0, 3).join(', ')}`);
  }
  lines.push(`${'total'.padEnd(32)}${n(summary.totalCracks).padStart(10)}`);
  const open = crackKinds.reduce((s, k) => s + summary.stillOpen[k], 0);
  if (open) lines.push('', `${n(open)} promises were still open when the history ended (neither kept nor broken).`);
  return lines.join('\n');
}

const usage = `kept audit <history.jsonl|history.csv> [--json] [--html report.html] [--format jsonl|csv] [--mapping mapping.json]
  [--config kept.config.yaml] [--agents agents.json] [--reorder-hours 24]
  [--notify-minutes 15] [--acknowledge-minutes 5] [--first-response-minutes 240] [--follow-up-minutes 2880] [--escalation-minutes 240]`;

/** The agents file: the array `GET /api/v1/agents` returns, or an object with it under `agents`. */
async function readAgents(file: string) {
  const raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const list = Array.isArray(raw) ? raw : (raw as { agents?: unknown }).agents;
  return listedAgentSchema.array().parse(list);
}

/**
 * `kept audit`: replays the file with a progress bar on stderr; prints how it read the file and the summary,
 * or only JSON with --json; writes the HTML report only when --html names a file.
 */
export async function runAuditCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      html: { type: 'string' },
      format: { type: 'string' },
      mapping: { type: 'string' },
      config: { type: 'string' },
      agents: { type: 'string' },
      'reorder-hours': { type: 'string' },
      'notify-minutes': { type: 'string' },
      'acknowledge-minutes': { type: 'string' },
      'first-response-minutes': { type: 'string' },
      'follow-up-minutes': { type: 'string' },
      'escalation-minutes': { type: 'string' },
    },
  });
  const file = positionals[0];
  const format = values.format ?? (file?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  if (!file || (format !== 'jsonl' && format !== 'csv') || (format === 'csv' && !values.mapping)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const windows: Record<string, number> = {};
  for (const [flag, key] of [
    ['notify-minutes', 'notifyMinutes'],
    ['acknowledge-minutes', 'acknowledgeMinutes'],
    ['first-response-minutes', 'firstResponseMinutes'],
    ['follow-up-minutes', 'followUpMinutes'],
    ['escalation-minutes', 'escalationMinutes'],
  ] as const) {
    if (values[flag] !== undefined) windows[key] = Number(values[flag]);
  }
  // The reasons and phrases of the configuration the audit runs with: the shipped one unless --config names another.
  const configPath = values.config ?? shippedConfigPath;
  const reasons = parseReasonsYaml({ yaml: await readFile(configPath, 'utf8'), file: configPath });
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: 'replaying [{bar}] {percentage}% | {mb} MB | eta {eta_formatted}', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : undefined;
  let started = false;
  const summary = await runAudit({
    input: file,
    format,
    ...(values.mapping ? { mapping: JSON.parse(await readFile(values.mapping, 'utf8')) as Record<string, string> } : {}),
    options: {
      windows,
      reasons,
      ...(values.agents ? { agents: await readAgents(values.agents) } : {}),
      ...(values['reorder-hours'] !== undefined ? { reorderHours: Number(values['reorder-hours']) } : {}),
    },
    onProgress: ({ bytesRead, totalBytes }) => {
      if (!bar) return;
      if (!started) {
        bar.start(totalBytes ?? bytesRead, 0, { mb: '0' });
        started = true;
      }
      bar.update(bytesRead, { mb: (bytesRead / 1e6).toFixed(0) });
    },
  });
  bar?.stop();
  if (values.html) await writeFile(values.html, renderAuditHtml(summary));
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatAuditSummary(summary)}\n${values.html ? `\nReport: ${values.html}\n` : ''}`);
  return summary.totalCracks > 0 ? 1 : 0;
}

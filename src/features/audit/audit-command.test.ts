import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runHistoryCommand, writeHistoryJsonl } from '../history/write-history.js';
import type { PlantedCrack } from '../history/generate-history.js';
import type { AuditSummary } from './audit-summary.js';
import { runAuditCommand } from './audit-terminal.js';
import { runAudit } from './run-audit.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kept-audit-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('auditing a history file', () => {
  it('reports progress by bytes read up to the size of the file', async () => {
    const file = join(dir, 'h.jsonl');
    const written = await writeHistoryJsonl({ file, options: { seed: 8, days: 6, journeysPerDay: 150 } });
    const seen: number[] = [];
    const summary = await runAudit({
      input: file,
      onProgress: ({ bytesRead, totalBytes }) => {
        seen.push(bytesRead);
        expect(totalBytes).toBe(written.bytes);
      },
    });
    expect(summary.events).toBe(written.events);
    expect(seen.at(-1)).toBe((await stat(file)).size);
    expect(seen.every((b, i) => i === 0 || b >= (seen[i - 1] as number))).toBe(true);
  });

  it('runs from the command line: writes a history and its planted cracks, then the JSON summary and the HTML report', async () => {
    const file = join(dir, 'cli.jsonl');
    const plantedFile = join(dir, 'planted.json');
    const html = join(dir, 'report.html');
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      expect(await runHistoryCommand(['--out', file, '--seed', '5', '--days', '6', '--per-day', '80', '--crack-rate', '0.1', '--planted', plantedFile])).toBe(0);
      out.length = 0;
      expect(await runAuditCommand([file, '--json', '--html', html])).toBe(1);
    } finally {
      write.mockRestore();
    }
    const summary = JSON.parse(out.join('')) as AuditSummary;
    const planted = JSON.parse(await readFile(plantedFile, 'utf8')) as PlantedCrack[];
    const due = planted.filter((p) => p.breaksAt < (summary.to ?? ''));
    expect(summary.totalCracks).toBe(due.length);
    expect((await readFile(html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
  });
});

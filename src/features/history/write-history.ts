// Writes a generated history to a JSON Lines file with back-pressure, and the command line that does it.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateHistory } from './generate-history.js';
import type { GenerateHistoryOptions, PlantedCrack } from './generate-history.js';
import { crackKinds } from './history-event.js';

export interface WriteHistoryResult {
  events: number;
  bytes: number;
  planted: readonly PlantedCrack[];
}

/** Streams `generateHistory(options)` into `file`, one event per line; the history is never held whole. */
export async function writeHistoryJsonl(params: { file: string; options: GenerateHistoryOptions }): Promise<WriteHistoryResult> {
  const history = generateHistory(params.options);
  const out = createWriteStream(params.file);
  let events = 0;
  let bytes = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const chunk = batch.join('\n') + '\n';
    batch = [];
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  for (const event of history) {
    batch.push(JSON.stringify(event));
    events++;
    if (batch.length >= 2000) await flush();
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return { events, bytes, planted: history.planted };
}

const usage = `kept history --out history.jsonl [--seed 1] [--days 30] [--per-day 200] [--max-events N]
               [--crack-rate 0.05] [--planted planted.json] [--start 2026-10-01T00:00:00Z]`;

/** `kept history --out h.jsonl …`: writes a history and, with --planted, its planted cracks. */
export async function runHistoryCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      days: { type: 'string', default: '30' },
      'per-day': { type: 'string', default: '200' },
      'max-events': { type: 'string' },
      'crack-rate': { type: 'string' },
      planted: { type: 'string' },
      start: { type: 'string' },
    },
  });
  if (!values.out) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const rate = values['crack-rate'] === undefined ? undefined : Number(values['crack-rate']);
  const result = await writeHistoryJsonl({
    file: values.out,
    options: {
      seed: Number(values.seed),
      days: Number(values.days),
      journeysPerDay: Number(values['per-day']),
      ...(values['max-events'] ? { maxEvents: Number(values['max-events']) } : {}),
      ...(values.start ? { start: values.start } : {}),
      ...(rate ? { cracks: { rate, kinds: [...crackKinds] } } : {}),
    },
  });
  if (values.planted) await writeFile(values.planted, JSON.stringify(result.planted, null, 2));
  process.stdout.write(`${result.events} events, ${result.bytes} bytes, ${result.planted.length} cracks planted → ${values.out}\n`);
  return 0;
}

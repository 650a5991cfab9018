// The machine-readable result every bench writes to bench/results/<name>.json. run-all.ts renders the
// figures section of docs/performance.md from these files alone, so a bench joins the page by writing one.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export const resultsDir = new URL('../results/', import.meta.url);

/** The SPEC §5 targets, so the performance page can set each figure beside the promise it answers. */
export const specTargets = {
  'ingest-embedded': 'Ingest with everything a policy does: ≥ 0.12× a bare batched INSERT of the same events in the same run, embedded store (ceiling 0.19×)',
  'ingest-server': 'Ingest with everything a policy does: ≥ 0.12× a bare batched INSERT of the same events in the same run, local PostgreSQL (ceiling 0.28×)',
  timers: 'Timers: with 10 million open commitments, a breach action fires within 1 s (p99) of its deadline',
  api: 'API: p99 < 25 ms reading a case at 1,000 requests/s, 2 cores',
  memory: 'Memory: < 500 MB resident with 1 million open commitments',
  audit: 'Audit: 10 million events replayed in under 10 minutes, with a progress bar',
  'import-embedded': 'Import: 1 million events of history in under 15 minutes, embedded store (PGlite)',
  'import-server': 'Import: 1 million events of history in under 10 minutes, local PostgreSQL',
  analysis: 'Analysis never blocks: the health check answers within 100 ms while the longest message a channel accepts is analysed',
} as const;
export type SpecTarget = keyof typeof specTargets;

const figureSchema = z.object({
  /** Which SPEC §5 target this figure answers, if any. */
  spec: z.enum(Object.keys(specTargets) as [SpecTarget, ...SpecTarget[]]).optional(),
  /** What was measured, e.g. "Ingest, embedded store (PGlite)". */
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  /** The SPEC §5 target in words, e.g. "≥ 10,000 events/s". */
  target: z.string().optional(),
  meetsTarget: z.boolean().optional(),
  /** The same work done the plainest way in the same run, and value ÷ baseline. */
  baseline: z.object({ label: z.string(), value: z.number(), unit: z.string() }).optional(),
  ratio: z.number().optional(),
  detail: z.string().optional(),
});

export const benchResultSchema = z.object({
  bench: z.string(),
  title: z.string(),
  ranAt: z.string(),
  machine: z.object({ cpu: z.string(), cores: z.number(), memoryGiB: z.number(), node: z.string(), platform: z.string() }),
  postgres: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()),
  figures: z.array(figureSchema),
  notes: z.array(z.string()).default([]),
  /** Anything else the bench wants kept for later analysis (per-store runs, mixes, phase timings). */
  raw: z.unknown().optional(),
});

export type BenchResult = z.infer<typeof benchResultSchema>;
export type BenchFigure = z.infer<typeof figureSchema>;

/** Writes (replaces) bench/results/<bench>.json. */
export function writeBenchResult(result: BenchResult): URL {
  mkdirSync(resultsDir, { recursive: true });
  const file = new URL(`${result.bench}.json`, resultsDir);
  writeFileSync(file, `${JSON.stringify(benchResultSchema.parse(result), null, 2)}\n`);
  return file;
}

/** Every result file, parsed; a file that does not fit the contract is reported, not silently skipped. */
export function readBenchResults(): { results: BenchResult[]; problems: string[] } {
  const results: BenchResult[] = [];
  const problems: string[] = [];
  let files: string[] = [];
  try {
    files = readdirSync(resultsDir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch {
    return { results, problems };
  }
  for (const name of files) {
    const parsed = benchResultSchema.safeParse(JSON.parse(readFileSync(new URL(name, resultsDir), 'utf8')));
    if (parsed.success) results.push(parsed.data);
    else problems.push(`${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return { results, problems };
}

// Every `kept` command with its flags, in one table: `kept --help` and `kept <command> --help` are printed from
// it (src/cli/help.test.ts checks each command's own usage text names no flag missing here).
// Each command imports its own modules when it runs, so `kept help` starts at once.
import type { ParseArgsOptionDescriptor } from 'node:util';

export interface Flag extends ParseArgsOptionDescriptor {
  /** What the flag does, for --help; `value` names its argument. */
  help: string;
  value?: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Positional arguments, as shown in the usage line (`<file>`, `[add]`). */
  args?: string;
  /** Environment variables the command reads, for --help. */
  env?: string[];
  flags: Record<string, Flag>;
  /** The exit code; -1 leaves the process running (the server). */
  run(argv: string[]): Promise<number>;
}

const minutes = (what: string): Flag => ({ type: 'string', value: 'N', help: `${what} window in minutes` });

export const commands: Command[] = [
  {
    name: 'start',
    summary: 'run the server, console and SMTP intake (embedded store in KEPT_DATA_DIR, or DATABASE_URL)',
    env: [
      'KEPT_PORT',
      'KEPT_HOST',
      'KEPT_SMTP_PORT',
      'KEPT_DATA_DIR',
      'DATABASE_URL',
      'KEPT_CONFIG',
      'KEPT_ADMIN_TOKEN',
      'KEPT_ADMIN_EMAIL',
      'KEPT_CLOCK',
      'KEPT_SMTP_URL',
      'KEPT_LOG_LEVEL',
      'KEPT_SHUTDOWN_SECONDS',
      'KEPT_MIN_FREE_MB',
    ],
    flags: {},
    run: async () => {
      const { startKept } = await import('../main.js');
      return startKept();
    },
  },
  {
    name: 'agents',
    summary: 'create an agent in a running instance and print the one-time link that sets its password',
    args: 'add',
    env: ['KEPT_URL', 'KEPT_ADMIN_TOKEN'],
    flags: {
      name: { type: 'string', value: 'NAME', help: 'the agent\u2019s name (required)' },
      email: { type: 'string', value: 'EMAIL', help: 'the address the agent logs in with (required)' },
      role: { type: 'string', value: 'ROLE', help: 'agent, manager or admin (default agent)' },
      skills: { type: 'string', value: 'A,B', help: 'skills that route cases to the agent, comma-separated' },
    },
    run: async (argv) => (await import('./agents-command.js')).runAgentsCommand(argv),
  },
  {
    name: 'backup',
    summary: 'write a consistent backup of a running Kept (PGlite through the server, PostgreSQL with pg_dump)',
    args: '<file>',
    env: ['KEPT_URL', 'KEPT_ADMIN_TOKEN', 'DATABASE_URL'],
    flags: {},
    run: async (argv) => (await import('./backup-command.js')).runBackupCommand(argv),
  },
  {
    name: 'restore',
    summary: 'restore a backup into an empty data directory (KEPT_DATA_DIR) or an empty database (DATABASE_URL)',
    args: '<file>',
    env: ['KEPT_DATA_DIR', 'DATABASE_URL'],
    flags: {},
    run: async (argv) => (await import('./backup-command.js')).runRestoreCommand(argv),
  },
  {
    name: 'demo',
    summary: 'play every crack (C1\u2013C11) as a story into a running instance',
    env: ['KEPT_URL', 'KEPT_ADMIN_TOKEN'],
    flags: { only: { type: 'string', value: 'C1,C4', help: 'play only these stories' } },
    run: async (argv) => {
      const { parseEnv } = await import('../config/env.js');
      const env = parseEnv(process.env);
      const { runDemoCommand } = await import('../features/demo/run-demo.js');
      return runDemoCommand({ argv, url: env.KEPT_URL, token: env.KEPT_ADMIN_TOKEN });
    },
  },
  {
    name: 'audit',
    summary: 'replay an event history offline and report every crack in it',
    args: '<history.jsonl|history.csv>',
    flags: {
      json: { type: 'boolean', help: 'print the report as JSON' },
      html: { type: 'string', value: 'FILE', help: 'also write an HTML report' },
      format: { type: 'string', value: 'jsonl|csv', help: 'the history\u2019s format (default from the file name)' },
      mapping: { type: 'string', value: 'FILE', help: 'how a CSV\u2019s (or other JSON Lines\u2019) fields map to events' },
      config: { type: 'string', value: 'FILE', help: 'read the reason catalog from this kept.config.yaml (default the shipped one)' },
      agents: { type: 'string', value: 'FILE', help: 'the agents (as GET /api/v1/agents lists them), to tell people from automatic senders' },
      'reorder-hours': { type: 'string', value: 'N', help: 'how far out of time order events may arrive' },
      'notify-minutes': minutes('the notify'),
      'acknowledge-minutes': minutes('the acknowledge'),
      'first-response-minutes': minutes('the first-response'),
      'follow-up-minutes': minutes('the follow-up'),
      'escalation-minutes': minutes('the escalation'),
    },
    // Reads only the file it is given and the reason catalog of --config: no store, no live data.
    run: async (argv) => (await import('../features/audit/audit-terminal.js')).runAuditCommand(argv),
  },
  {
    name: 'forecast',
    summary: 'forecast contacts, backlog and breaches against staffing',
    env: ['KEPT_CONFIG', 'DATABASE_URL', 'KEPT_DATA_DIR'],
    flags: {
      days: { type: 'string', value: 'N', help: 'days ahead (default 14)' },
      from: { type: 'string', value: 'FILE', help: 'forecast from a history file instead of the live store' },
      agents: { type: 'string', value: 'N', help: 'agents on duty' },
      'per-agent-hour': { type: 'string', value: 'N', help: 'contacts an agent handles per hour' },
      surge: { type: 'string', multiple: true, value: 'FROM:TO:FACTOR', help: 'a holiday surge (repeatable)' },
      start: { type: 'string', value: 'DATE', help: 'the first forecast day' },
      zone: { type: 'string', value: 'ZONE', help: 'the time zone of the days' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    run: async (argv) => {
      const { loadConfig } = await import('../config/config.js');
      const config = loadConfig();
      const [{ defaultForecastSection }, { runForecastCommand }, { readLiveForecast }] = await Promise.all([
        import('../features/forecast/forecast-config.js'),
        import('../features/forecast/forecast-command.js'),
        import('../features/forecast/read-live-forecast.js'),
      ]);
      return runForecastCommand({ argv, section: config.file.forecast ?? defaultForecastSection, readLive: ({ days }) => readLiveForecast({ config, days }) });
    },
  },
  {
    name: 'import',
    summary: 'load a history or another desk\u2019s export into the store (old events reach no customer)',
    args: '<file>',
    env: ['KEPT_CONFIG', 'DATABASE_URL', 'KEPT_DATA_DIR'],
    flags: {
      format: { type: 'string', value: 'jsonl|csv|zendesk|freshdesk', help: 'the file\u2019s format (default jsonl)' },
      mapping: { type: 'string', value: 'FILE', help: 'which CSV column fills which event field' },
      'live-after': { type: 'string', value: 'TIME', help: 'events before this time are history and reach no customer (default now)' },
      'dry-run': { type: 'boolean', help: 'read and validate the whole file, write nothing' },
      json: { type: 'boolean', help: 'print the report as JSON' },
    },
    run: async (argv) => (await import('../features/import/import-command.js')).runImportCommand(argv),
  },
  {
    name: 'history',
    summary: 'write a seeded synthetic event history',
    flags: {
      out: { type: 'string', value: 'FILE', help: 'where to write the history (required)' },
      seed: { type: 'string', value: 'N', help: 'random seed (default 1)' },
      days: { type: 'string', value: 'N', help: 'days of history (default 30)' },
      'per-day': { type: 'string', value: 'N', help: 'customer journeys per day (default 200)' },
      'max-events': { type: 'string', value: 'N', help: 'stop after this many events' },
      'crack-rate': { type: 'string', value: 'R', help: 'share of journeys with a planted crack (default 0.05)' },
      planted: { type: 'string', value: 'FILE', help: 'also write the planted cracks' },
      start: { type: 'string', value: 'TIME', help: 'the history\u2019s first moment' },
    },
    run: async (argv) => (await import('../features/history/write-history.js')).runHistoryCommand(argv),
  },
  {
    name: 'bench',
    summary: 'run the benchmarks and refresh docs/performance.md (from a clone)',
    flags: {
      only: { type: 'string', value: 'ingest,timers', help: 'run only these benchmarks' },
      'docs-only': { type: 'boolean', help: 'rewrite the page from the last results without running' },
      list: { type: 'boolean', help: 'list the benchmarks' },
    },
    run: async (argv) => (await import('./bench-command.js')).runBenchCommand(argv),
  },
];

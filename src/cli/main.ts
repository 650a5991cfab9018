// The `kept` command line.
// Each command loads its own modules when it runs: `kept start` holds no audit, demo or history code in
// memory, and `kept help` starts at once.
import { ConfigError } from '../config/config-file.js';
import { loadConfig } from '../config/config.js';
import { parseEnv } from '../config/env.js';
import { isAppError } from '../shared/app-error.js';
import { runBenchCommand } from './bench-command.js';

const usage = `Usage: kept <command>

Commands:
  start      run the server, console and SMTP intake (embedded store in ./kept-data, or DATABASE_URL)
  demo       play every crack (C1–C11) as a story into a running instance (KEPT_URL, KEPT_ADMIN_TOKEN)
  audit      replay an event history and report every crack in it: kept audit <history.jsonl> [--json] [--html out.html]
  forecast   forecast contacts against staffing: kept forecast [--days 14] [--from history.jsonl]
  import     load a history or another desk's export into the store: kept import <file> [--format jsonl|csv|zendesk|freshdesk] [--mapping m.json] [--dry-run]
  history    write a synthetic event history: kept history --out history.jsonl [--days 30] [--crack-rate 0.05]
  bench      run the benchmarks and refresh docs/performance.md: kept bench [--only ingest,timers] [--docs-only] [--list]
  help       show this text
`;

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start': {
      const { startKept } = await import('../main.js');
      await startKept();
      return -1;
    }
    case 'demo': {
      const env = parseEnv(process.env);
      const { runDemoCommand } = await import('../features/demo/run-demo.js');
      return runDemoCommand({ argv: rest, url: env.KEPT_URL, token: env.KEPT_ADMIN_TOKEN });
    }
    case 'audit': {
      // Reads only the file it is given: no config, no store, no live data.
      const { runAuditCommand } = await import('../features/audit/audit-terminal.js');
      return runAuditCommand(rest);
    }
    case 'forecast': {
      const config = loadConfig();
      const [{ defaultForecastSection }, { runForecastCommand }, { readLiveForecast }] = await Promise.all([
        import('../features/forecast/forecast-config.js'),
        import('../features/forecast/forecast-command.js'),
        import('../features/forecast/read-live-forecast.js'),
      ]);
      return runForecastCommand({ argv: rest, section: config.file.forecast ?? defaultForecastSection, readLive: ({ days }) => readLiveForecast({ config, days }) });
    }
    case 'import': {
      const { runImportCommand } = await import('../features/import/import-command.js');
      return runImportCommand(rest);
    }
    case 'history': {
      const { runHistoryCommand } = await import('../features/history/write-history.js');
      return runHistoryCommand(rest);
    }
    case 'bench':
      return runBenchCommand(rest);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

/** Wrong flags, missing files and domain errors are the user's to fix: their message, without a stack. */
function isUsageError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return (isAppError(error) && error.code !== 'internal') || (error instanceof Error && typeof code === 'string' && (code.startsWith('ERR_PARSE_ARGS') || code === 'ENOENT'));
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (isUsageError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.code.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
      return;
    }
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

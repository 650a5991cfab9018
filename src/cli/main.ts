// The `kept` command line.
import { ConfigError } from '../config/config-file.js';
import { startKept } from '../main.js';

const usage = `Usage: kept <command>

Commands:
  start      run the server, console and SMTP intake (embedded store in ./kept-data, or DATABASE_URL)
  help       show this text
`;

async function run(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'start':
      await startKept();
      return -1;
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

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

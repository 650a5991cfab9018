// The `kept` command line: finds the command in the table (commands.ts), answers --help from the table, and
// runs it; each command parses its flags with node's util.parseArgs (an unknown flag is a usage error, exit 2).
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/config-file.js';
import { isAppError } from '../shared/app-error.js';
import { commands } from './commands.js';
import { commandHelp, mainHelp } from './help.js';

async function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = commands.find((command) => command.name === rest[0]);
    process.stdout.write(topic ? commandHelp(topic) : mainHelp());
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`Unknown command: ${name}\n\n${mainHelp()}`);
    return 2;
  }
  // The command's own parser refuses a flag it does not know (exit 2); here only --help is answered, so a flag
  // a command gains is never refused by a table that has not caught up.
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  if (Object.keys(command.flags).length === 0) parseArgs({ args: rest, options: {}, allowPositionals: command.args !== undefined, strict: true });
  return command.run(rest);
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

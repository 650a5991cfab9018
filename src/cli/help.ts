// `kept --help` and `kept <command> --help`, printed from the command table.
import { commands, type Command } from './commands.js';

function flagLine(name: string, flag: Command['flags'][string]): string {
  const left = `  --${name}${flag.value ? ` ${flag.value}` : ''}`;
  return `${left.padEnd(34)} ${flag.help}`;
}

export function commandHelp(command: Command): string {
  const flags = Object.entries(command.flags);
  const lines = [`Usage: kept ${command.name}${command.args ? ` ${command.args}` : ''}${flags.length ? ' [flags]' : ''}`, '', `  ${command.summary}`, ''];
  if (flags.length) lines.push('Flags:', ...flags.map(([name, flag]) => flagLine(name, flag)), '');
  lines.push(flagLine('help', { type: 'boolean', help: 'show this text' }), '');
  if (command.env?.length) lines.push(`Environment: ${command.env.join(', ')}`, '');
  return `${lines.join('\n')}\n`;
}

export function mainHelp(): string {
  const width = Math.max(...commands.map((command) => command.name.length)) + 2;
  return [
    'Usage: kept <command> [flags]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)} ${command.summary}`),
    `  ${'help'.padEnd(width)} show this text; kept <command> --help shows a command's flags`,
    '',
    'From a clone, run it as `npx kept <command>` (or `npm link` once to put `kept` on the PATH).',
    '',
  ].join('\n');
}

// `kept --help` and `kept <command> --help` as a user runs them: every command and every flag is listed, and
// a wrong flag is a usage error (exit 2) that names it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from './commands.js';

function kept(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/kept.js', ...args], { encoding: 'utf8', env: { ...process.env, KEPT_ADMIN_TOKEN: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('kept --help', () => {
  it('lists every command with its summary', () => {
    const help = kept('--help');
    expect(help.status).toBe(0);
    for (const command of commands) expect(help.stdout).toContain(`  ${command.name.padEnd(10)} ${command.summary}`);
    expect(kept('help').stdout).toBe(help.stdout);
  });

  it('lists every flag of every command, and `kept help <command>` says the same', () => {
    for (const command of commands) {
      const help = kept(command.name, '--help');
      expect(help.status).toBe(0);
      expect(help.stdout.split('\n')[0]).toBe(`Usage: kept ${command.name}${command.args ? ` ${command.args}` : ''}${Object.keys(command.flags).length ? ' [flags]' : ''}`);
      for (const [flag, { help: text }] of Object.entries(command.flags)) expect(help.stdout).toMatch(new RegExp(`--${flag}\\b.* ${text.replace(/[()]/g, '\\$&')}`));
      expect(kept('help', command.name).stdout).toBe(help.stdout);
    }
  }, 120_000);

  it('refuses an unknown flag or command with exit code 2', () => {
    const flag = kept('audit', '--colour');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--colour'");
    const command = kept('frobnicate');
    expect(command.status).toBe(2);
    expect(command.stderr.split('\n')[0]).toBe('Unknown command: frobnicate');
  });

  it("lists every flag each command's own parser takes", () => {
    // Where each command parses its flags (util.parseArgs options written as `name: { type: … }`).
    const parsers: Record<string, string> = {
      agents: 'src/cli/agents-command.ts',
      demo: 'src/features/demo/run-demo.ts',
      audit: 'src/features/audit/audit-terminal.ts',
      forecast: 'src/features/forecast/forecast-command.ts',
      import: 'src/features/import/import-command.ts',
      history: 'src/features/history/write-history.ts',
      bench: 'bench/run-all.ts',
    };
    for (const [name, file] of Object.entries(parsers)) {
      const source = readFileSync(file, 'utf8');
      const parsed = [...source.matchAll(/'?([a-z][a-z-]*)'?: \{ type: '(?:string|boolean)'/g)].map((match) => match[1] ?? '').filter((flag) => flag !== 'help');
      const listed = Object.keys(commands.find((command) => command.name === name)?.flags ?? {});
      expect([...parsed].sort(), name).toEqual([...listed].filter((flag) => flag !== 'help').sort());
    }
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-file.js';
import { loadConfig } from './config.js';

function writeConfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kept-config-')), 'kept.config.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(run: () => unknown): ConfigError['problems'] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loading the configuration', () => {
  it('loads the shipped kept.config.yaml and freezes it', () => {
    const config = loadConfig({});
    expect(config.file.kept.public_url).toMatch(/^http/);
    expect(Object.isFrozen(config.file.kept)).toBe(true);
  });

  it('names the file, line and field of every problem', () => {
    const path = writeConfig('kept:\n  name: Shop\n  public_url: not a url\n  support_address: nope\n');
    const problems = problemsOf(() => loadConfig({ KEPT_CONFIG: path }));
    expect(problems).toEqual([expect.objectContaining({ file: path, line: 3, field: 'kept.public_url' }), expect.objectContaining({ file: path, line: 4, field: 'kept.support_address' })]);
  });

  it('refuses an unknown section, so a typo does not pass silently', () => {
    const path = writeConfig('kept:\n  name: Shop\npolicys: []\n');
    expect(problemsOf(() => loadConfig({ KEPT_CONFIG: path }))[0]).toMatchObject({ field: '(root)' });
  });

  it('reports broken YAML with its line', () => {
    const path = writeConfig('kept:\n  name: [unclosed\n');
    expect(problemsOf(() => loadConfig({ KEPT_CONFIG: path }))[0]).toMatchObject({ field: '(yaml)', line: expect.any(Number) });
  });

  it('refuses a template that promises a reply sooner than the policy owes one, naming its line', () => {
    const path = writeConfig(
      [
        'templates:',
        '  - id: acknowledgement.email',
        '    event: acknowledgement',
        '    channel: email',
        '    subject: "We have your message"',
        '    text: |',
        '      Hello {{customer.name}},',
        '',
        '      We have your message and will reply within 2 hours. {{status_url}}',
        '    variables:',
        '      customer.name: PersonName',
        '      status_url: Link',
        '',
      ].join('\n'),
    );
    expect(problemsOf(() => loadConfig({ KEPT_CONFIG: path }))).toEqual([
      expect.objectContaining({ file: path, line: 9, field: 'templates.0.text', message: expect.stringContaining('sooner than policy first-response gives (240 business minutes)') }),
      expect.objectContaining({ file: path, line: 9, field: 'templates.0.text', message: expect.stringContaining('first-response-social') }),
    ]);
  });

  it('refuses a promises section that names no calendar', () => {
    const path = writeConfig('promises:\n  calendar: nights\n');
    expect(problemsOf(() => loadConfig({ KEPT_CONFIG: path }))).toEqual([expect.objectContaining({ file: path, line: 2, field: 'promises.calendar' })]);
  });

  it('listens on this machine only unless KEPT_HOST says otherwise', () => {
    expect(loadConfig({}).env.KEPT_HOST).toBe('127.0.0.1');
    expect(loadConfig({ KEPT_HOST: '0.0.0.0' }).env.KEPT_HOST).toBe('0.0.0.0');
  });

  it('refuses a bad environment variable, naming it', () => {
    expect(() => loadConfig({ KEPT_PORT: 'eighty' })).toThrow(/KEPT_PORT/);
    expect(() => loadConfig({ KEPT_CLOCK: 'sometimes' })).toThrow(/KEPT_CLOCK/);
  });
  it('refuses a caveat whose information names a team that does not exist, naming its line', () => {
    const path = writeConfig(
      [
        'caveats:',
        '  - code: special_delivery',
        '    text: "Tickets are handed over separately before the event."',
        '    disclose_within: { hours: 24 }',
        '    info:',
        '      what: pick-up instructions',
        '      due: { days_before: 7, field: item.event_date }',
        '      team: ticketing',
        '  - code: special_delivery',
        '    text: "Said twice, which the catalog refuses."',
        '    disclose_within: { soon: true }',
        '',
      ].join('\n'),
    );
    const problems = problemsOf(() => loadConfig({ KEPT_CONFIG: path }));
    expect(problems.map((problem) => [problem.line, problem.field])).toEqual([[11, 'caveats.1.disclose_within']]);
    const fixed = writeConfig(readFileSync(path, 'utf8').split('\n').slice(0, 8).join('\n'));
    expect(problemsOf(() => loadConfig({ KEPT_CONFIG: fixed }))).toEqual([expect.objectContaining({ line: 8, field: 'caveats.0.info.team', message: 'no team named ticketing (teams: support)' })]);
  });
});

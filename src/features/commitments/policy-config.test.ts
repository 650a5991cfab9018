// The engine's sections of kept.config.yaml as loadConfig reads them: the shipped file carries the defaults,
// a left-out section is the default, and a bad policy stops Kept at start naming file, line and field.
import { configProblems, writeConfigFile } from '../../../test/helpers/config-files.js';
import { describe, expect, it } from 'vitest';
import { loadConfig, shippedConfigPath } from '../../config/config.js';
import { commitmentConfigOf, loadDefaultCommitmentConfig } from './policy-defaults.js';

describe('commitment policies in kept.config.yaml', () => {
  it('ships the default calendars, teams and policies in kept.config.yaml', () => {
    const shipped = loadConfig({ KEPT_CONFIG: shippedConfigPath }).file;
    expect(JSON.parse(JSON.stringify(commitmentConfigOf(shipped)))).toEqual(JSON.parse(JSON.stringify(loadDefaultCommitmentConfig())));
    expect(shipped.policies?.map((p) => p.id)).toEqual([
      'acknowledge-contact',
      'first-response',
      'first-response-social',
      'notify-order-change',
      'survey-follow-up',
      'manager-escalation',
      'recovery-follow-up',
      'resolution',
    ]);
  });

  it('uses the shipped sections a file leaves out', () => {
    const config = loadConfig({ KEPT_CONFIG: writeConfigFile('kept:\n  name: Shop\n') });
    expect(commitmentConfigOf(config.file).policies).toHaveLength(8);
  });

  it('refuses a policy with a bad deadline, naming the line and field', () => {
    const path = writeConfigFile(
      [
        'kept:',
        '  name: Shop',
        'policies:',
        '  - id: quick',
        '    opens: acknowledge',
        '    on: { events: [message.received] }',
        '    deadline: { minutes: -5 }',
        '    fulfilled_by: [{ message_out: { author: any } }]',
        '',
      ].join('\n'),
    );
    expect(configProblems(path)).toEqual([expect.objectContaining({ file: path, line: 7, field: 'policies.0.deadline.minutes' })]);
  });

  it('refuses a business deadline on a calendar that does not exist, and a calendar never open', () => {
    const path = writeConfigFile(
      [
        'calendars:',
        '  default: { zone: UTC, hours: { mon: ["09:00-17:00"] } }',
        '  closed: { zone: UTC, hours: {} }',
        'teams: {}',
        'policies:',
        '  - id: answer',
        '    opens: first_response',
        '    on: { events: [message.received] }',
        '    deadline: { business_minutes: 60, calendar: support }',
        '    fulfilled_by: [{ message_out: { author: human } }]',
        '',
      ].join('\n'),
    );
    const problems = configProblems(path);
    expect(problems).toContainEqual(expect.objectContaining({ line: 3, field: 'calendars.closed', message: expect.stringContaining('no opening hours') }));
    expect(problems).toContainEqual(expect.objectContaining({ line: 9, field: 'policies.0.deadline.calendar', message: 'no calendar named support' }));
  });
});

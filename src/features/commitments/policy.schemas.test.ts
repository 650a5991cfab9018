import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { matches } from './matcher.js';
import { loadDefaultCommitmentConfig } from './policy-defaults.js';
import { calendarsSectionSchema, commitmentConfigSchema, policiesSectionSchema } from './policy.schemas.js';

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the shipped defaults', () => {
  it('parse and hold one policy per promise the product makes', () => {
    const config = loadDefaultCommitmentConfig();
    expect(config.policies.map((p) => `${p.id}→${p.opens}`)).toEqual([
      'acknowledge-contact→acknowledge',
      'first-response→first_response',
      'first-response-social→first_response',
      'notify-order-change→notify',
      'survey-follow-up→follow_up',
      'manager-escalation→escalation',
      'recovery-follow-up→follow_up',
      'resolution→resolution',
    ]);
    expect(config.policies.every((p) => p.on_breach.some((a) => a.type === 'escalate'))).toBe(true);
  });
});

describe('calendars', () => {
  it('turns periods into from/to pairs and names each calendar', () => {
    const parsed = calendarsSectionSchema.parse(parse('support:\n  zone: Europe/Berlin\n  hours:\n    mon: ["09:00-12:00", "13:00-24:00"]\n'));
    expect(parsed['support']).toEqual({
      name: 'support',
      zone: 'Europe/Berlin',
      hours: {
        mon: [
          { from: '09:00', to: '12:00' },
          { from: '13:00', to: '24:00' },
        ],
      },
      holidays: [],
    });
  });

  it('names the field of a bad zone, a backwards period, a misspelt day and a bad holiday', () => {
    const result = calendarsSectionSchema.safeParse(parse('support:\n  zone: Europe/Berlinn\n  hours:\n    mon: ["17:00-09:00"]\n    mondey: ["09:00-17:00"]\n  holidays: ["2026-13-01"]\n'));
    const issues = issuesOf(result);
    expect(issues.some((i) => i.startsWith('support.zone:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('support.hours.mon.0:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('support.hours:') && i.includes('mondey'))).toBe(true);
    expect(issues.some((i) => i.startsWith('support.holidays.0:'))).toBe(true);
  });
});

describe('policies', () => {
  const minimal = { id: 'p', opens: 'notify', on: { events: ['order.cancelled'] }, deadline: { minutes: 15 }, fulfilled_by: [{ message_out: {} }] };

  it('fills in defaults', () => {
    const [policy] = policiesSectionSchema.parse([minimal]);
    expect(policy).toMatchObject({ once_per: 'case', owner: 'case_owner', pause_while_pending: false, on_breach: [], fulfilled_by: [{ message_out: { author: 'any', mentions_order: false } }] });
  });

  it('rejects duplicate ids, unknown kinds, a webhook without a real secret and code in a matcher', () => {
    const result = policiesSectionSchema.safeParse([
      minimal,
      { ...minimal, opens: 'promise' },
      { ...minimal, id: 'w', on_breach: [{ type: 'webhook', url: 'https://ops.example.com/hook', secret: 'short' }] },
      { ...minimal, id: 'm', on: { events: ['x'], match: { path: 'event.data.score', eval: 'score < 7' } } },
    ]);
    const issues = issuesOf(result);
    expect(issues.some((i) => i.startsWith('1.opens:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('2.on_breach.0.secret:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('3.on.match'))).toBe(true);
    expect(issuesOf(policiesSectionSchema.safeParse([minimal, minimal]))).toEqual(['1.id: duplicate policy id p']);
  });

  it('checks that calendars, teams and escalations refer to something that exists', () => {
    const result = commitmentConfigSchema.safeParse({
      calendars: {},
      teams: { social: { calendar: 'weekend' } },
      policies: [{ ...minimal, deadline: { business_minutes: 60 }, on_breach: [{ type: 'escalate' }] }],
    });
    expect(issuesOf(result)).toEqual([
      'teams.social.calendar: no calendar named weekend',
      'policies.0.deadline.calendar: no calendar named default',
      'policies.0.on_breach: escalate needs a policy that opens an escalation',
    ]);
  });
});

describe('the matcher', () => {
  const subject = { event: { data: { score: 4, channel: 'social', contact_requested: false } }, case: null };

  it('compares, combines and treats a missing value as not matching', () => {
    expect(matches({ path: 'event.data.score', lte: 6 }, subject)).toBe(true);
    expect(matches({ path: 'event.data.score', gt: 6 }, subject)).toBe(false);
    expect(matches({ all: [{ path: 'event.data.channel', in: ['social', 'sms'] }, { not: { path: 'event.data.contact_requested', eq: true } }] }, subject)).toBe(true);
    expect(matches({ path: 'event.data.missing', lte: 6 }, subject)).toBe(false);
    expect(matches({ path: 'event.data.missing', exists: false }, subject)).toBe(true);
    expect(matches({ path: 'case.team', eq: 'vip' }, subject)).toBe(false);
    expect(matches({ path: 'event.constructor', exists: true }, subject)).toBe(false);
  });
});

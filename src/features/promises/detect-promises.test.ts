import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.js';
import { detectPromises, MAX_PROMISE_CLAUSES } from './detect-promises.js';
import { createTestCalendar } from './fixtures/test-calendar.js';
import { commitmentKindFor, describeVaguePromiseWarning } from './promise.js';

const newYork = 'America/New_York';
// Wednesday 25 November 2026, 10:30 in New York.
const wednesdayMorning = DateTime.fromISO('2026-11-25T10:30', { zone: newYork }).toJSDate();
const local = (at: Date | null, zone: string): string | null => (at === null ? null : DateTime.fromJSDate(at, { zone }).toFormat('ccc yyyy-MM-dd HH:mm'));

describe('detectPromises', () => {
  it('reads "A supervisor will call you by Friday" on a Wednesday as a manager\'s callback due Friday at close', () => {
    const [promise, ...rest] = detectPromises({
      text: 'Thanks for your patience. A supervisor will call you by Friday.',
      sentAt: wednesdayMorning,
      timeZone: newYork,
      authorRole: 'agent',
    });
    expect(rest).toEqual([]);
    expect(promise).toMatchObject({ kind: 'callback', owner: 'manager', vague: false, phrase: 'A supervisor will call you by Friday.' });
    expect(local(promise?.dueAt ?? null, newYork)).toBe('Fri 2026-11-27 17:00');
    expect(promise?.timeText).toBe('Friday');
  });

  it('reads no time from a link: a page token such as "k2w-6hQ" is not "in 2 weeks" or "in 6 hours"', () => {
    for (const link of ['https://shop.example/status/vc-2w-AbCdEfGhIjKlMnOp', 'http://localhost:3000/status/Xy_6h-PqRsTuVwXyZaBc', 'www.shop.example/f/3d-9aBcDeFgHiJkLm']) {
      const found = detectPromises({ text: `We have your message (K-5). A person will answer soon. ${link}`, sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'template' });
      expect(found, link).toEqual([{ kind: 'follow_up', owner: 'team', dueAt: null, vague: true, phrase: 'A person will answer soon.' }]);
    }
  });

  it('finds every promise of a message, each with its own owner and time', () => {
    const found = detectPromises({
      text: "Hello Ana, I'm sorry your parcel is late. I'll call you tomorrow at 2pm, and our returns team will email you a prepaid label within 24 hours. We refunded the postage yesterday.",
      sentAt: wednesdayMorning,
      timeZone: newYork,
      authorRole: 'agent',
    });
    expect(found.map((p) => [p.kind, p.owner, local(p.dueAt, newYork)])).toEqual([
      ['callback', 'author', 'Thu 2026-11-26 14:00'],
      ['document', 'team', 'Thu 2026-11-26 10:30'],
    ]);
  });

  it('reads "tomorrow" in the customer\'s time zone, not the server\'s', () => {
    const sentAt = new Date('2026-11-25T23:30:00Z'); // Wednesday evening in New York, Thursday morning in Tokyo
    const text = "I'll send you the form tomorrow.";
    const inNewYork = detectPromises({ text, sentAt, timeZone: newYork, authorRole: 'agent' });
    const inTokyo = detectPromises({ text, sentAt, timeZone: 'Asia/Tokyo', authorRole: 'agent' });
    expect(local(inNewYork[0]?.dueAt ?? null, newYork)).toBe('Thu 2026-11-26 17:00');
    expect(local(inTokyo[0]?.dueAt ?? null, 'Asia/Tokyo')).toBe('Fri 2026-11-27 17:00');
  });

  it('keeps close of business at 17:00 local across a daylight-saving change, and hours on the wall clock', () => {
    // Friday 27 March 2026 in London; clocks go forward on Sunday the 29th.
    const sentAt = DateTime.fromISO('2026-03-27T09:00', { zone: 'Europe/London' }).toJSDate();
    const [monday] = detectPromises({ text: "We'll call you on Monday.", sentAt, timeZone: 'Europe/London', authorRole: 'agent' });
    expect(monday?.dueAt?.toISOString()).toBe('2026-03-30T16:00:00.000Z');
    const [hours] = detectPromises({ text: "We'll reply within 72 hours.", sentAt, timeZone: 'Europe/London', authorRole: 'agent' });
    expect(hours?.dueAt?.getTime()).toBe(sentAt.getTime() + 72 * 3_600_000);
  });

  it('counts business days by the calendar it is given, skipping its holidays', () => {
    const calendar = createTestCalendar({ zone: newYork, openHour: 8, closeHour: 18, holidays: ['2026-11-26', '2026-11-27'] });
    const [refund] = detectPromises({
      text: 'Your refund will be processed within 2 business days.',
      sentAt: wednesdayMorning,
      timeZone: newYork,
      calendar,
      authorRole: 'agent',
    });
    expect(local(refund?.dueAt ?? null, newYork)).toBe('Tue 2026-12-01 10:30');
    const [call] = detectPromises({ text: "I'll call you tomorrow.", sentAt: wednesdayMorning, timeZone: newYork, calendar, authorRole: 'agent' });
    expect(local(call?.dueAt ?? null, newYork)).toBe('Mon 2026-11-30 18:00');
  });

  it('gives "next week" until close on Friday of next week', () => {
    const [p] = detectPromises({ text: 'A manager will get back to you next week.', sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' });
    expect(local(p?.dueAt ?? null, newYork)).toBe('Fri 2026-12-04 17:00');
  });

  it('marks a promise without a time as vague, for the policy default to fill in', () => {
    const [p] = detectPromises({ text: "We'll look into it and someone will be in touch.", sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' });
    expect(p).toMatchObject({ kind: 'follow_up', owner: 'team', dueAt: null, vague: true });
  });

  it.each([
    ['a report of the past', 'We called you yesterday but the line was busy.'],
    ['an offer that waits on the customer', 'If you send the photo, we could refund the difference.'],
    ['a conditional with will', "If you send us the receipt, we'll refund you by Friday."],
    ['a refusal', "We won't be able to call you this week."],
    ['a question', 'Shall I call you tomorrow?'],
    ['a request to the customer', 'Please call us on the number below.'],
    ['something the customer must do', 'You will need to fill in the claim form by Friday.'],
    ['nobody promising anything', 'Nobody will call you before Monday.'],
  ])('finds no promise in %s', (_, text) => {
    expect(detectPromises({ text, sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' })).toEqual([]);
  });

  it('gives a template\'s "I will" to the team, since no person wrote it', () => {
    const [p] = detectPromises({ text: "I'll send you the invoice tomorrow.", sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'template' });
    expect(p?.owner).toBe('team');
  });

  it('refuses a time zone it does not know', () => {
    expect(() => detectPromises({ text: "I'll call you.", sentAt: wednesdayMorning, timeZone: 'Mars/Olympus', authorRole: 'agent' })).toThrow(AppError);
  });
});

describe('what a promise opens and how the composer warns', () => {
  it('opens an update commitment for a delivery promise', () => {
    expect(commitmentKindFor('delivery')).toBe('update');
    expect(commitmentKindFor('callback')).toBe('callback');
  });

  it('warns about a call promised without a time, and not about a timed one', () => {
    const [vague, timed] = detectPromises({
      text: "I'll call you back. We'll refund you by Friday.",
      sentAt: wednesdayMorning,
      timeZone: newYork,
      authorRole: 'agent',
    });
    expect(vague && describeVaguePromiseWarning(vague)).toBe('You promised a call but no time: add one?');
    expect(timed && describeVaguePromiseWarning(timed)).toBeNull();
  });
});

describe('the words read', () => {
  it("reads only the author's own words, not the customer's message quoted below the reply", () => {
    const found = detectPromises({
      text: "Dear Ana,\nI'll call you tomorrow.\n\nOn Tue, 24 Nov 2026 at 09:12, Ana wrote:\n> You said you'll refund me by Friday!",
      sentAt: wednesdayMorning,
      timeZone: newYork,
      authorRole: 'agent',
    });
    expect(found.map((p) => p.kind)).toEqual(['callback']);
  });

  it('gives "Monday next week" until close on that Monday', () => {
    const [p] = detectPromises({ text: "I'll call you on Monday next week.", sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' });
    expect(local(p?.dueAt ?? null, newYork)).toBe('Mon 2026-11-30 17:00');
  });

  it('is due when a promised window closes', () => {
    const [p] = detectPromises({ text: 'The courier will collect it on Tuesday between 9am and 1pm.', sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' });
    expect(local(p?.dueAt ?? null, newYork)).toBe('Tue 2026-12-01 13:00');
  });
});

describe('times that name their own zone', () => {
  it('honours "3pm EST" written to a customer in London', () => {
    const [p] = detectPromises({ text: "I'll call you tomorrow at 3pm EST.", sentAt: wednesdayMorning, timeZone: 'Europe/London', authorRole: 'agent' });
    expect(p?.dueAt?.toISOString()).toBe('2026-11-26T20:00:00.000Z');
  });
});

describe('reading who acts and what they promise', () => {
  const read = (text: string) => detectPromises({ text, sentAt: wednesdayMorning, timeZone: newYork, authorRole: 'agent' }).map((p) => [p.kind, p.owner, local(p.dueAt, newYork)]);

  it('gives a promise to whoever the author has asked to keep it', () => {
    expect(read("I'll have someone from our claims team call you Thursday.")).toEqual([['callback', 'team', 'Thu 2026-11-26 17:00']]);
    expect(read("I'll ask my manager to call you tomorrow.")).toEqual([['callback', 'manager', 'Thu 2026-11-26 17:00']]);
  });

  it('does not take a call to someone else for a callback', () => {
    expect(read("I'm going to call the bank on your behalf.")).toEqual([]);
  });

  it('keeps the timed reading when two clauses make the same promise', () => {
    expect(read("Let me check with the warehouse and I'll get back to you within the next two hours.")).toEqual([['follow_up', 'author', 'Wed 2026-11-25 12:30']]);
  });

  it('reads a promise made in a relative clause', () => {
    expect(read("I've passed this to our returns team, who will email you a label today.")).toEqual([['document', 'team', 'Wed 2026-11-25 17:00']]);
  });

  it('counts business hours by the calendar', () => {
    expect(read("We'll reply within 8 business hours.")).toEqual([['follow_up', 'team', 'Thu 2026-11-26 10:30']]);
  });

  it('does not take a "non-delivery claim" for a promised delivery', () => {
    expect(read('We have opened a non-delivery claim (K-12) and will see it through with you.')).toEqual([]);
    expect(read('We have opened a claim and your replacement will be delivered on Friday.')).toEqual([['delivery', 'team', 'Fri 2026-11-27 17:00']]);
  });
});

describe('detectPromises on messages no agent writes in earnest', () => {
  const sentAt = new Date('2026-12-02T10:00:00Z');

  it(`reads at most ${MAX_PROMISE_CLAUSES} promises of a message that is a list of a thousand`, () => {
    const text = Array.from({ length: 1000 }, (_, i) => `I will call you about parcel ${i} tomorrow.`).join(' ');
    const found = detectPromises({ text, sentAt, timeZone: 'Europe/Madrid', authorRole: 'agent' });
    expect(found).toHaveLength(MAX_PROMISE_CLAUSES);
    expect(found[0]).toMatchObject({ kind: 'callback', phrase: 'I will call you about parcel 0 tomorrow.' });
  });

  it('finds the promise at the end of one long sentence of refusals', () => {
    const text = `${"I can't, ".repeat(2_000)}but I will email you tomorrow.`;
    const found = detectPromises({ text: text.slice(-20_000), sentAt, timeZone: 'Europe/Madrid', authorRole: 'agent' });
    expect(found.map((promise) => promise.kind)).toEqual(['follow_up']);
  });
});

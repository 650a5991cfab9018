// C7: the holiday peak overwhelms a process that works the rest of the year.
import { z } from 'zod';
import type { DemoStory } from './demo-story.js';

const forecastSchema = z.looseObject({
  warningDay: z.string().nullable(),
  warningInDays: z.number().nullable().optional(),
  startingBacklog: z.number().optional(),
  days: z.array(z.looseObject({ date: z.string(), arrivals: z.number(), capacity: z.number(), breaches: z.number(), warning: z.boolean() })),
  history: z.looseObject({ contacts: z.number() }).optional(),
});

export const surge: DemoStory = {
  crack: 'C7',
  title: 'Surge',
  before: 'The holiday peak overwhelms a process that works the rest of the year.',
  async play(ctx) {
    ctx.say('The manager opens the dashboard’s forecast for the next 14 days.');
    const answer = await ctx.api.get('/api/v1/reports/forecast?days=14');
    const parsed = forecastSchema.safeParse(answer.body);
    if (!parsed.success) {
      ctx.saw(`has no forecast report here (${answer.status})`);
      return ctx.verdict(false, 'there is no forecast to warn of a peak');
    }
    const f = parsed.data;
    ctx.saw(`fitted the profile on ${f.history?.contacts ?? '?'} past contacts; ${f.startingBacklog ?? 0} are waiting for a first response now`);
    for (const d of f.days.slice(0, 3))
      ctx.saw(`${d.date}: ${Math.round(d.arrivals)} contacts expected, capacity ${Math.round(d.capacity)}, ${Math.round(d.breaches)} would break${d.warning ? ' ⚠' : ''}`);
    ctx.saw(
      f.warningDay
        ? `warns: from ${f.warningDay} (in ${f.warningInDays ?? '?'} days) first responses will break with this staffing`
        : 'sees no day in the next 14 that breaks first responses with this staffing',
    );
    ctx.verdict(true, 'arrivals are forecast against staffing, and the first day that breaks is named days ahead');
    ctx.say('On a real history, `kept forecast --from history.jsonl` shows the December peak days ahead.');
  },
};

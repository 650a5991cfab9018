// Surveys' answers as the API shows them (the loop view, the report).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

export const loopViewSchema = z.object({
  case_id: z.string(),
  score: z.number(),
  opened_at: timeText,
  closed_at: timeText.nullable(),
  closed_by_message_id: z.string().nullable(),
  outcome: z.string().nullable(),
  outcome_note: z.string().nullable(),
  outcome_at: timeText.nullable(),
});

const share = z.number().nullable();

export const surveyReportSchema = z
  .object({
    from: timeText,
    to: timeText,
    nps: z.object({
      score: z.number().nullable().meta({ description: 'Promoters minus detractors, in points; null without answers' }),
      responses: z.number().int(),
      weekly: z.array(z.looseObject({ week_start: z.string(), responses: z.number().int(), promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(), nps: share })),
    }),
    csat: z.object({ responses: z.number().int(), satisfied_rate: share }),
    response_rate: z.object({ invited: z.number().int(), responded: z.number().int(), rate: share }),
    loop_closure: z.object({
      opened: z.number().int(),
      closed: z.number().int(),
      rate: share,
      median_hours_to_close: z.number().nullable(),
      outcomes: z.object({ recovered: z.number().int(), not_recovered: z.number().int(), unrecorded: z.number().int() }),
    }),
  })
  .meta({ id: 'SurveyReport' });

// Surveys' API (outcome of a follow-up, the report) and its forms behind /forms/{token}.
import { z } from 'zod';
import { principalOf } from '../../http/auth.js';
import { declareResponses, errorResponses } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { loopViewSchema, surveyReportSchema } from './survey.schemas.js';
import { AppError } from '../../shared/app-error.js';
import type { Clock } from '../../shared/clock.js';
import { renderSurveyForm, renderSurveyReceived } from './survey-pages.js';
import type { SurveyService } from './survey.service.js';
import type { FormPages, HtmlPage } from '../claims/form-html.js';

// Both ends are inclusive, so the default range ends with what happened just now.
const reportQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'Default: 12 weeks before `to`' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Default: now' }),
});

export function registerSurveyRoutes(app: App, deps: { surveys: SurveyService; clock: Clock }): void {
  app.post(
    '/api/v1/cases/:id/survey-outcome',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'recordSurveyOutcome',
        summary: 'Record whether a survey follow-up recovered the customer',
        tags: ['surveys'],
        response: declareResponses({ 200: loopViewSchema, ...errorResponses(409) }),
        params: z.object({ id: z.string().min(1) }),
        body: z.object({ outcome: z.enum(['recovered', 'not_recovered']), note: z.string().max(2000).optional() }),
      },
    },
    async (request) => deps.surveys.recordOutcome({ caseId: request.params.id, outcome: request.body.outcome, note: request.body.note ?? null, by: principalOf(request).agentId }),
  );

  app.get(
    '/api/v1/reports/surveys',
    {
      config: { auth: 'manager' },
      schema: {
        operationId: 'getSurveyReport',
        summary: 'NPS by week, CSAT, response rate and loop closure',
        tags: ['surveys'],
        querystring: reportQuery,
        response: declareResponses({ 200: surveyReportSchema }),
      },
    },
    async (request) => {
      const to = request.query.to ? new Date(request.query.to) : deps.clock.now();
      const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 12 * 7 * 24 * 3_600_000);
      if (from >= to) throw new AppError('validation_failed', { detail: 'from: must be before to', field: 'from' });
      return deps.surveys.report({ from, to });
    },
  );
}

/** The survey page: a form until answered (a score link opens it with the score chosen), then what was received. */
export function createSurveyFormPages(surveys: SurveyService): FormPages {
  async function record(token: string, fields: Record<string, string>): Promise<HtmlPage | undefined> {
    const result = await surveys.answer(token, { score: fields['score'], comment: fields['comment'], contactRequested: fields['contact_requested'] === 'yes' || fields['contact_requested'] === 'on' });
    if (!result) return undefined;
    if (result.outcome === 'invalid') return renderSurveyForm(result.invitation, fields, result.errors);
    return renderSurveyReceived(result.invitation, result.outcome === 'already' ? 409 : 200);
  }
  return {
    async show(token, query) {
      const invitation = await surveys.findInvitation(token);
      if (!invitation) return undefined;
      if (invitation.respondedAt) return renderSurveyReceived(invitation);
      // A link scanner opens every link of an email: the score from a link is only chosen on the page, and
      // recorded when the customer confirms it with the form's one button (a POST).
      const score = query['score'];
      return renderSurveyForm(invitation, score !== undefined && /^\d{1,2}$/.test(score) ? { score } : {}, {}, { confirming: score !== undefined });
    },
    submit: (token, body) => record(token, body),
  };
}

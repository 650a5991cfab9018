// The hosted survey page at /forms/{token} and the invitation email with its one-click score links.
import { escapeHtml, fieldError, renderErrorSummary, renderPage, renderReceived, type HtmlPage } from '../claims/form-html.js';
import { scaleOf, type SurveyKind } from './survey.js';
import type { InvitationRecord } from './survey.repo.js';

const questions: Record<SurveyKind, string> = {
  nps: 'How likely are you to recommend us to a friend or colleague? (0 = not at all, 10 = extremely likely)',
  csat: 'How satisfied are you with the help you received? (1 = very dissatisfied, 5 = very satisfied)',
};

/** The invitation email: the question and one link per score; a link opens the page with that score chosen, to confirm. */
export function invitationText(input: { kind: SurveyKind; link: string; orderNumber: string | null }): { subject: string; body: string } {
  const { min, max } = scaleOf(input.kind);
  const links: string[] = [];
  for (let score = min; score <= max; score += 1) links.push(`  ${score}: ${input.link}?score=${score}`);
  return {
    subject: input.kind === 'nps' ? 'How did we do? One click is enough' : 'How was the help you received?',
    body: [
      'Hello,',
      '',
      `${input.kind === 'nps' && input.orderNumber ? `Your order ${input.orderNumber} has arrived. ` : ''}${questions[input.kind]}`,
      'Click the score that fits, then confirm it on the page that opens:',
      ...links,
      '',
      `Or answer with a comment, and ask us to contact you, here: ${input.link}`,
    ].join('\n'),
  };
}

export function renderSurveyForm(invitation: InvitationRecord, values: Record<string, string> = {}, errors: Record<string, string> = {}, page: { confirming?: boolean } = {}): HtmlPage {
  const { min, max } = scaleOf(invitation.kind);
  const options: string[] = [];
  for (let score = min; score <= max; score += 1) {
    options.push(`<label><input type="radio" name="score" value="${score}"${values['score'] === String(score) ? ' checked' : ''}> ${score}</label>`);
  }
  const lead = page.confirming && values['score'] ? `<p>You chose ${escapeHtml(values['score'])}. Press <strong>Send</strong> to confirm it; a comment is welcome but not needed.</p>` : '';
  const body = `${renderErrorSummary(errors)}${lead}
<form method="post" novalidate>
<fieldset><legend>${escapeHtml(questions[invitation.kind])}${fieldError(errors, 'score')}</legend><div class="scores">${options.join('')}</div></fieldset>
<label for="comment">Anything you want to tell us (optional)${fieldError(errors, 'comment')}</label><textarea id="comment" name="comment">${escapeHtml(values['comment'] ?? '')}</textarea>
<label><input type="checkbox" name="contact_requested" value="yes"${values['contact_requested'] === 'yes' ? ' checked' : ''}> Please contact me about this</label>
<button type="submit">Send</button>
</form>`;
  return renderPage({ title: 'Your opinion', body, status: Object.keys(errors).length > 0 ? 422 : 200 });
}

/** What was received; `status` 409 tells a second submission that nothing more was recorded. */
export function renderSurveyReceived(invitation: InvitationRecord, status = 200): HtmlPage {
  const answer = invitation.response;
  const rows: [string, string][] = [
    ['Received', invitation.respondedAt?.toISOString() ?? ''],
    ['Score', answer ? `${answer.answer} of ${scaleOf(invitation.kind).max}` : ''],
  ];
  if (answer?.comment) rows.push(['Comment', answer.comment]);
  rows.push(['Contact requested', answer?.contact_requested ? 'Yes: we will be in touch' : 'No']);
  const lead = status === 409 ? '<p>You have already answered, so nothing more was recorded. Here is what we received:</p>' : '<p>Thank you. We have received your answer:</p>';
  return renderPage({ title: 'Thank you', body: `${lead}${renderReceived(rows)}`, status });
}

// Histories for the console's dashboard, posted through the public API: survey answers from an outside tool
// (with one follow-up answered, so a loop closes) and a weekly surge the forecast warns about.
import type { TestKept } from './test-app.js';

/**
 * Eight NPS answers over two weeks: four promoters, two passives, two detractors (NPS +25). The detractors
 * open follow-up cases; `agentId` answers the first, which closes its loop (one of two: 50 %).
 */
export async function seedSurveyAnswers(kept: TestKept, options: { agentId: string }): Promise<void> {
  const scores = [10, 9, 7, 3, 9, 10, 8, 2];
  const events = scores.map((score, i) => ({
    id: `console-survey-${i}`,
    type: 'survey.responded',
    occurred_at: new Date(Date.parse('2026-11-16T10:00:00Z') + i * 86_400_000).toISOString(),
    customer: { email: `surveyed-${i}@example.com`, name: `Surveyed ${i + 1}` },
    data: { score, comment: score <= 6 ? 'Nobody answered my question.' : 'Fine.', contact_requested: score <= 6 },
  }));
  const posted = await kept.api('POST', '/api/v1/events', { events });
  if (posted.status !== 202) throw new Error(`survey answers refused: ${JSON.stringify(posted.body)}`);
  const customer = (await kept.api('GET', '/api/v1/customers?email=surveyed-3@example.com')).body.items[0];
  const followUp = (await kept.api('GET', `/api/v1/cases?customer_id=${customer.id}`)).body.items[0];
  const reply = await kept.api('POST', `/api/v1/cases/${followUp.id}/replies`, { author_id: options.agentId, body: 'I am sorry nobody answered. I have refunded the delivery charge.' });
  if (reply.status !== 201) throw new Error(`the follow-up reply was not sent: ${JSON.stringify(reply.body)}`);
}

/**
 * A surge every Friday at ten: `perFriday` contacts on each of the given Fridays, each answered by the shop
 * (so none waits when the forecast starts). Projected with the shipped staffing and its December uplift,
 * the coming Friday breaks first responses.
 */
export async function seedFridaySurge(kept: TestKept, options: { fridays: string[]; perFriday: number }): Promise<void> {
  const events = options.fridays.flatMap((date) =>
    Array.from({ length: options.perFriday }, (_, i) => {
      const at = new Date(Date.parse(`${date}T10:00:00Z`) + i * 50_000).toISOString();
      const customer = { email: `friday-${date}-${i}@example.com` };
      return [
        { id: `surge-${date}-${i}`, type: 'contact.received', occurred_at: at, customer, data: { channel: i % 3 ? 'web_form' : 'sms', text: 'Where is my parcel?' } },
        { id: `surge-${date}-${i}-answer`, type: 'message.sent', occurred_at: at, customer, data: { channel: 'email', to: customer.email, text: 'It is on its way.', author: 'shop' } },
      ];
    }).flat(),
  );
  const posted = await kept.api('POST', '/api/v1/events', { events });
  if (posted.status !== 202) throw new Error(`surge refused: ${JSON.stringify(posted.body)}`);
}

// The console's forecast read from the live store: inbound contacts per channel and hour, the configured staffing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../../../test/helpers/stores.js';
import { adminToken, createTestKept, type TestKept } from '../../../test/helpers/test-app.js';
import { loadConfig } from '../../config/config.js';
import { runForecastCommand } from './forecast-command.js';
import { readLiveForecast } from './read-live-forecast.js';

const DAY = 86_400_000;
// Two agents answering one contact an hour each: twelve contacts at ten o'clock wait past the 4 h deadline.
const config = `forecast:
  days: 3
  weeks: 2
  first_response_hours: 4
  staffing: { agents_per_hour: 2, handled_per_agent_hour: 1 }
`;

describe.each(storeKinds)('the live forecast on %s', (store) => {
  let dir = '';
  let kept: TestKept;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kept-forecast-'));
    await writeFile(join(dir, 'kept.config.yaml'), config);
    // The test clock starts at 2026-12-01 09:00 UTC; the history is the two weeks before.
    kept = await createTestKept({ store, env: { KEPT_CONFIG: join(dir, 'kept.config.yaml') } });
    const events = [];
    for (let d = 1; d <= 14; d++) {
      const day = Date.parse('2026-12-01T10:00:00Z') - d * DAY;
      for (let i = 0; i < 12; i++) {
        const at = new Date(day + i * 60_000).toISOString();
        const customer = { email: `c${d}-${i}@example.com` };
        events.push({ id: `f-${d}-${i}`, type: 'contact.received', occurred_at: at, customer, data: { channel: i < 9 ? 'web_form' : 'sms', text: 'Where is my parcel?' } });
        // The shop's answers are outbound: they are not arrivals.
        events.push({ id: `f-${d}-${i}-out`, type: 'message.sent', occurred_at: at, customer, data: { channel: 'email', to: customer.email, text: 'It is on its way.', author: 'shop' } });
      }
    }
    const posted = await kept.api('POST', '/api/v1/events', { events });
    expect(posted.status).toBe(202);
  }, 120_000);

  afterAll(async () => {
    await kept?.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe(`GET /api/v1/reports/forecast (${store})`, () => {
    it('projects the inbound contacts of the last weeks, per channel, from the current hour', async () => {
      const { status, body } = await kept.api('GET', '/api/v1/reports/forecast');
      expect(status).toBe(200);
      expect(body.from).toBe('2026-12-01T09:00:00.000Z');
      expect(body.zone).toBe('UTC');
      expect(body.history.contacts).toBe(14 * 12);
      // Three days from 09:00 touch four dates; each ten o'clock brings the twelve contacts of every past day.
      expect(body.days.map((d: { date: string }) => d.date)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
      const first = body.days[0];
      expect(first.arrivals).toBeCloseTo(12);
      expect(first.byChannel.web_form).toBeCloseTo(9);
      expect(first.byChannel.sms).toBeCloseTo(3);
      expect(first.byChannel.email).toBeUndefined();
      expect(body.days[3].arrivals).toBe(0);
    });

    it('warns on the first day the configured staffing lets first responses break, with chart series for the console', async () => {
      const { body } = await kept.api('GET', '/api/v1/reports/forecast?days=2');
      // Two an hour from 10:00: the last four of the twelve are still waiting at 14:00.
      expect(body.days[0].breaches).toBeCloseTo(4);
      expect(body.warningDay).toBe('2026-12-01');
      expect(body.warningInDays).toBe(0);
      expect(body.labels).toHaveLength(12);
      expect(body.series.map((s: { name: string }) => s.name)).toEqual(['arrivals', 'capacity', 'backlog']);
      expect(body.series[1].values[0]).toBe(8);
    });

    it('is what `kept forecast` prints while the instance runs', async () => {
      const url = await kept.app.listen({ port: 0, host: '127.0.0.1' });
      const config = loadConfig({ KEPT_URL: url, KEPT_ADMIN_TOKEN: adminToken, KEPT_CONFIG: join(dir, 'kept.config.yaml') });
      const out: string[] = [];
      const code = await runForecastCommand({ argv: ['--days', '2'], section: config.file.forecast, readLive: ({ days }) => readLiveForecast({ config, days }), write: (text) => out.push(text) });
      expect(code).toBe(1);
      const printed = out.join('');
      expect(printed).toMatch(/^2026-12-01 Tue\s+12\s+30\s/m);
      expect(printed).toContain('from 2026-12-01 (the first day of the forecast)');
      expect(printed).toContain('Fitted on 168 contacts');
    });

    it('is for managers: an agent is refused', async () => {
      await kept.api('POST', '/api/v1/agents', { name: 'Ada', email: 'ada@kept.test', role: 'agent', password: 'correct horse battery' });
      const login = await kept.api('POST', '/api/v1/auth/login', { email: 'ada@kept.test', password: 'correct horse battery' });
      expect((await kept.api('GET', '/api/v1/reports/forecast', undefined, login.body.token)).status).toBe(403);
    });

    it('refuses a horizon past 90 days', async () => {
      const { status } = await kept.api('GET', '/api/v1/reports/forecast?days=400');
      expect(status).toBe(400);
    });
  });
});

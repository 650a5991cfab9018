// `kept demo` as a newcomer runs it: the bin, against an instance listening on a port, with a manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeptCli } from '../helpers/run-kept-cli.js';
import { demoStories } from '../../src/features/demo/demo-stories.js';
import { adminToken, createTestKept, testStart, type TestKept } from '../helpers/test-app.js';

let kept: TestKept;
let url = '';

beforeAll(async () => {
  kept = await createTestKept({ store: 'pglite' });
  url = await kept.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await kept?.close();
});

const runDemo = (env: Record<string, string>, args: string[] = []) => runKeptCli({ args: ['demo', ...args], env });

describe('kept demo', () => {
  it('plays every crack into a running instance, moving its manual clock, and says what Kept did', { timeout: 300_000 }, async () => {
    const run = await runDemo({ KEPT_URL: url, KEPT_ADMIN_TOKEN: adminToken });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const story of demoStories) expect(run.stdout).toContain(`${story.crack} · ${story.title}`);
    expect(demoStories.map((s) => s.crack)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11']);
    expect(run.stdout).toContain('manual clock');
    expect(run.stdout).toContain('Played 11 stories.');
    expect(run.stdout).toMatch(/Closed on this instance: (none|C\d+)/);
    expect(run.stdout).not.toContain('The story stopped');
    // Each story ends with its verdict: closed on this instance, or still open and why.
    expect(run.stdout.match(/^ {2}[✓✗] /gm) ?? []).toHaveLength(11);
    // What the demo printed is what the instance holds: its customers and cases went in through the API.
    const clock = await kept.api('GET', '/api/v1/clock');
    expect(Date.parse(clock.body.now) - testStart.getTime()).toBeGreaterThanOrEqual(9 * 86_400_000);
    const cases = await kept.api('GET', '/api/v1/cases?limit=200');
    expect(cases.body.items.length).toBeGreaterThanOrEqual(9);
    expect(run.stdout).toMatch(/→ Kept: opened case/);
    // It speaks plainly: "an acknowledge commitment", never "a acknowledge commitment open".
    expect(run.stdout).toContain('opened an acknowledge commitment');
    expect(run.stdout).not.toMatch(/\ba acknowledge\b|commitment open\b/);
    // Kept's own messages pass Kept's own fact audit: only the replies the stories meant to be held are.
    const outbox = (await kept.api('GET', '/api/v1/outbox?limit=500')).body.items as { origin: string; status: string; subject: string | null }[];
    expect(outbox.filter((entry) => entry.status === 'held' && entry.origin !== 'agent_reply').map((entry) => [entry.origin, entry.subject])).toEqual([]);
    // Every case that owes a breached commitment shows it in its risk.
    const breached = (await kept.api('GET', '/api/v1/commitments?state=breached&limit=500')).body.items as { case_id: string | null }[];
    const breachedCases = new Set(breached.flatMap((commitment) => (commitment.case_id ? [commitment.case_id] : [])));
    // The demo plays on a manual clock: the same cases breach on every run.
    expect(breachedCases.size).toBe(9);
    for (const caseId of breachedCases) expect((await kept.api('GET', `/api/v1/cases/${caseId}`)).body.risk.score, caseId).toBeGreaterThan(0);
  });

  it('plays again on the same instance with customers of its own', { timeout: 300_000 }, async () => {
    const callbacks = async () => (await kept.api('GET', '/api/v1/commitments?kind=callback&limit=100')).body.items as { customer_id: string }[];
    const before = await callbacks();
    const run = await runDemo({ KEPT_URL: url, KEPT_ADMIN_TOKEN: adminToken }, ['--only', 'C11']);
    expect(run.code).toBe(0);
    const after = await callbacks();
    // One more callback, owed to a customer of this run (the first run's Kim is not merged into this one).
    expect(after).toHaveLength(before.length + 1);
    expect(new Set(after.map((commitment) => commitment.customer_id)).size).toBe(after.length);
    expect(run.stdout.match(/^  ✓ Closed: the promised call/gm) ?? []).toHaveLength(1);
  });

  it('refuses a wrong token with a message that says what to set', { timeout: 120_000 }, async () => {
    const run = await runDemo({ KEPT_URL: url, KEPT_ADMIN_TOKEN: 'not-the-token-of-this-instance' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('KEPT_ADMIN_TOKEN');
  });
});

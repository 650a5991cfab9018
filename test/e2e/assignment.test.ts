// Who owns a case, through the public API with the manual clock: round robin, capacity, skills, the agent
// who knew the customer, an owner going out of office, and the sweep of cases nobody could take.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { storeKinds, type StoreKind } from '../helpers/stores.js';
import { createTestKept, type TestKept } from '../helpers/test-app.js';

let configPath: string;
beforeAll(() => {
  configPath = join(mkdtempSync(join(tmpdir(), 'kept-assignment-')), 'kept.config.yaml');
  writeFileSync(configPath, 'kept:\n  name: Kept\nsignals:\n  assignment:\n    skills_by_channel:\n      sms: [sms]\n');
});

const password = 'a-long-password-1';

describe.each(storeKinds)('assignment on %s', (store: StoreKind) => {
  let kept: TestKept;
  let seq = 0;
  let story = 0;
  const agentsOfStory: string[] = [];
  beforeAll(async () => {
    kept = await createTestKept({ store, env: { KEPT_CONFIG: configPath } });
  });
  afterAll(async () => kept?.close());
  beforeEach(() => {
    story += 1;
  });
  // One Kept per store (starting one is slow): each story leaves a clean team behind it, through the API —
  // every case resolved and every agent it hired out of office.
  afterEach(async () => {
    for (const state of ['open', 'pending']) {
      for (const item of (await kept.api('GET', `/api/v1/cases?state=${state}&limit=200`)).body.items) await kept.api('POST', `/api/v1/cases/${item.id}/resolve`);
    }
    for (const id of agentsOfStory.splice(0)) await kept.api('POST', `/api/v1/agents/${id}/out-of-office`, { out_of_office: true });
  });

  async function start(): Promise<void> {
    expect((await kept.api('GET', '/api/v1/cases?queue=unassigned')).body.items).toEqual([]);
  }

  async function agent(name: string, options: { capacity?: number; skills?: string[] } = {}): Promise<string> {
    const created = await kept.api('POST', '/api/v1/agents', { name, email: `${name.toLowerCase()}.${story}@shop.example`, role: 'agent', password, ...options });
    expect(created.status).toBe(201);
    agentsOfStory.push(created.body.id);
    return created.body.id as string;
  }

  async function tokenOf(name: string): Promise<string> {
    return (await kept.api('POST', '/api/v1/auth/login', { email: `${name.toLowerCase()}.${story}@shop.example`, password })).body.token as string;
  }

  /** A customer writes; answers the case they landed in. */
  async function writes(name: string, options: { channel?: 'email' | 'sms' | 'social'; text?: string } = {}) {
    seq += 1;
    const customer = `s${story}${name}`;
    await kept.api('POST', '/api/v1/clock', { advance_seconds: 600 });
    const channel = options.channel ?? 'email';
    const identity =
      channel === 'sms'
        ? { phone: `+1555${String(story).padStart(3, '0')}${name.replace(/\D/g, '').padStart(4, '0')}` }
        : channel === 'social'
          ? { handle: { network: 'twitter', id: `@${customer}` } }
          : { email: `${customer}@example.com` };
    const at = (await kept.api('GET', '/api/v1/clock')).body.now as string;
    const sent = await kept.api('POST', '/api/v1/events', {
      id: `assign-${seq}`,
      type: 'contact.received',
      occurred_at: at,
      customer: { ...identity, ...(channel !== 'email' ? { email: `${customer}@example.com` } : {}) },
      data: { channel, text: options.text ?? 'Hello, a question about my order.' },
    });
    expect(sent.status).toBe(202);
    const found = await kept.api('GET', `/api/v1/customers?email=${customer}@example.com`);
    const cases = await kept.api('GET', `/api/v1/cases?customer_id=${found.body.items[0].id}`);
    return cases.body.items[0] as { id: string; owner_id: string | null; state: string };
  }

  it('deals new cases round robin and keeps each with its owner through every message and channel', async () => {
    await start();
    const a = await agent('Avery');
    const b = await agent('Blake');
    const owners = [(await writes('c1')).owner_id, (await writes('c2')).owner_id, (await writes('c3')).owner_id, (await writes('c4')).owner_id];
    expect(new Set([a, b])).toEqual(new Set(owners.slice(0, 2)));
    expect(owners.slice(2)).toEqual(owners.slice(0, 2));

    const again = [await writes('c1', { channel: 'sms' }), await writes('c1', { channel: 'social' }), await writes('c1')];
    expect(again.map((item) => item.owner_id)).toEqual([owners[0], owners[0], owners[0]]);
    expect((await kept.api('GET', `/api/v1/cases/${again[0]!.id}`)).body.channels).toEqual(['email', 'sms', 'social']);
  });

  it('gives nobody more cases than their capacity, and the sweep places the waiting case once there is room', async () => {
    await start();
    await agent('Avery', { capacity: 1 });
    await agent('Blake', { capacity: 1 });
    const first = await writes('c1');
    const second = await writes('c2');
    const third = await writes('c3');
    expect(first.owner_id).not.toBeNull();
    expect(second.owner_id).not.toBeNull();
    expect(third.owner_id).toBeNull();
    expect((await kept.api('GET', '/api/v1/cases?queue=unassigned')).body.items.map((item: { id: string }) => item.id)).toEqual([third.id]);

    expect((await kept.api('POST', '/api/v1/cases/sweep')).body).toEqual({ assigned: [], still_unassigned: 1 });
    expect((await kept.api('POST', `/api/v1/cases/${first.id}/resolve`)).status).toBe(200);
    expect((await kept.api('POST', '/api/v1/cases/sweep', undefined, await tokenOf('Avery'))).status).toBe(403);
    const swept = await kept.api('POST', '/api/v1/cases/sweep');
    expect(swept.body).toEqual({ assigned: [{ case_id: third.id, owner_id: first.owner_id }], still_unassigned: 0 });
    expect((await kept.api('GET', `/api/v1/cases/${third.id}`)).body.owner_id).toBe(first.owner_id);
  });

  it('gives a case only to an agent with the skills its channel needs', async () => {
    await start();
    await agent('Avery');
    const texter = await agent('Blake', { skills: ['sms'] });
    expect((await writes('c1', { channel: 'sms' })).owner_id).toBe(texter);
    expect((await writes('c2', { channel: 'sms' })).owner_id).toBe(texter);
    expect((await writes('c3', { channel: 'email' })).owner_id).not.toBe(texter);
  });

  it('sends a returning customer back to the agent who handled them, even out of turn', async () => {
    await start();
    await agent('Avery');
    await agent('Blake');
    const first = await writes('c1');
    const second = await writes('c2');
    await writes('c3');
    expect(first.owner_id).not.toBe(second.owner_id);
    await kept.api('POST', `/api/v1/cases/${first.id}/resolve`);
    // Next in turn is the owner of c2; c1 comes back to the agent who knows them.
    const returning = await writes('c1', { text: 'Me again, about a different thing.' });
    expect(returning.id).not.toBe(first.id);
    expect(returning.owner_id).toBe(first.owner_id);
  });

  it("hands an out-of-office owner's cases on with a note, and waits when nobody has room", async () => {
    await start();
    const avery = await agent('Avery', { capacity: 5 });
    const blake = await agent('Blake', { capacity: 2 });
    const cases = [await writes('c1'), await writes('c2'), await writes('c3'), await writes('c4')];
    const averys = cases.filter((item) => item.owner_id === avery);
    expect(averys).toHaveLength(2);

    expect((await kept.api('POST', `/api/v1/agents/${avery}/out-of-office`, { out_of_office: true }, await tokenOf('Blake'))).status).toBe(403);
    const away = await kept.api('POST', `/api/v1/agents/${avery}/out-of-office`, { out_of_office: true, note: 'sick leave' }, await tokenOf('Avery'));
    expect(away.status).toBe(200);
    // Blake owns two cases already and has room for none: both wait, each with a note saying why.
    expect(away.body.handed_over.map((item: { owner_id: string | null }) => item.owner_id)).toEqual([null, null]);
    const blakes = cases.filter((item) => item.owner_id === blake);
    await kept.api('POST', `/api/v1/cases/${blakes[0]!.id}/resolve`);

    const view = (await kept.api('GET', `/api/v1/cases/${averys[0]!.id}`)).body;
    expect(view.owner_id).toBeNull();
    expect(view.notes).toEqual([expect.objectContaining({ kind: 'handover', body: expect.stringContaining('Avery is out of office (sick leave)') })]);
    expect((await kept.api('GET', '/api/v1/agents')).body.items.find((item: { id: string }) => item.id === avery).out_of_office).toBe(true);

    // With room again, the sweep gives Blake the oldest waiting case; a new customer waits too (Avery is away).
    expect((await kept.api('POST', '/api/v1/cases/sweep')).body.assigned).toEqual([{ case_id: averys[0]!.id, owner_id: blake }]);
    expect((await writes('c5')).owner_id).toBeNull();

    const back = await kept.api('POST', `/api/v1/agents/${avery}/out-of-office`, { out_of_office: false });
    expect(back.body).toEqual({ agent_id: avery, out_of_office: false, handed_over: [] });
    const swept = await kept.api('POST', '/api/v1/cases/sweep');
    expect(swept.body.assigned.map((item: { owner_id: string }) => item.owner_id)).toEqual([avery, avery]);
  });

  it('hands cases to a colleague with room, naming both in the note', async () => {
    await start();
    const avery = await agent('Avery');
    const blake = await agent('Blake');
    const cases = [await writes('c1'), await writes('c2')];
    const averys = cases.find((item) => item.owner_id === avery)!;
    const away = await kept.api('POST', `/api/v1/agents/${avery}/out-of-office`, { out_of_office: true });
    expect(away.body.handed_over).toEqual([{ case_id: averys.id, owner_id: blake, note: 'Handed on from Avery, who is out of office, to Blake.' }]);
    const view = (await kept.api('GET', `/api/v1/cases/${averys.id}`)).body;
    expect(view.owner_id).toBe(blake);
    expect(view.notes.map((note: { body: string }) => note.body)).toEqual(['Handed on from Avery, who is out of office, to Blake.']);
  });
});

describe('the unassigned-case sweep with the real clock', { timeout: 120_000 }, () => {
  it('runs on its own timer: a case that came in before anyone was hired gets its owner', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kept-sweep-')), 'kept.config.yaml');
    writeFileSync(path, 'kept:\n  name: Kept\nsignals:\n  assignment:\n    sweep_every_seconds: 1\n');
    const kept = await createTestKept({ store: 'pglite', env: { KEPT_CONFIG: path, KEPT_CLOCK: 'system' } });
    try {
      const sent = await kept.api('POST', '/api/v1/events', {
        id: 'early',
        type: 'contact.received',
        occurred_at: new Date().toISOString(),
        customer: { email: 'early@example.com' },
        data: { channel: 'email', text: 'Anyone there?' },
      });
      expect(sent.status).toBe(202);
      const waiting = (await kept.api('GET', '/api/v1/cases?queue=unassigned')).body.items;
      expect(waiting).toHaveLength(1);
      const hired = await kept.api('POST', '/api/v1/agents', { name: 'Robin', email: 'robin@shop.example', role: 'agent', password });
      let owner: string | null = null;
      for (let tries = 0; tries < 40 && !owner; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        owner = (await kept.api('GET', `/api/v1/cases/${waiting[0].id}`)).body.owner_id;
      }
      expect(owner).toBe(hired.body.id);
    } finally {
      await kept.close();
    }
  });
});

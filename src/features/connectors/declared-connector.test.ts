// A declared connector's signature scheme and mapping, read from config the way kept.config.yaml gives it.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { declaredConnectorSchema } from './connectors-config.js';
import { createDeclaredConnector } from './declared-connector.js';

const config = declaredConnectorSchema.parse({
  secret_env: 'TILL_SECRET',
  signature: { header: 'X-Till-Signature', algorithm: 'sha1', encoding: 'base64', prefix: 'sha1=' },
  delivery_id: { path: ['$.kind', '$.id'] },
  topic: { path: '$.kind' },
  events: [
    {
      topics: ['sale.voided'],
      id: '$.id',
      occurred_at: '$.at',
      type: { path: '$.why', map: { card: 'order.payment_failed', test: 'ignore' } },
      reason: { path: '$.why', map: { card: 'payment_verification_failed' } },
      customer: { email: '$.buyer.mail', external_id: '$.buyer.no' },
      order: { id: '$.sale' },
      data: { till: '$.till' },
    },
  ],
});
const connector = createDeclaredConnector({ name: 'till', config, secret: 'till-secret' });
const sign = (body: string, secret = 'till-secret') => `sha1=${createHmac('sha1', secret).update(body).digest('base64')}`;
const request = (body: string, signature: string) => ({ headers: { 'x-till-signature': signature }, body: Buffer.from(body), contentType: 'application/json' });
const voided = (why: string) => JSON.stringify({ kind: 'sale.voided', id: 'v-9', at: 1796119200, why, sale: 4471, till: 3, buyer: { mail: 'lia@example.com', no: 88 } });

describe('a declared connector', () => {
  it('checks the declared scheme (SHA-1, base64, a prefix) and reads the delivery id and topic from the body', () => {
    const body = voided('card');
    expect(connector.verify(request(body, sign(body)), new Date())).toEqual({ kind: 'delivery', deliveryId: 'sale.voided:v-9', topic: 'sale.voided', headers: {} });
    expect(connector.verify(request(body, sign(body, 'other')), new Date())).toMatchObject({ kind: 'refused', status: 401 });
    expect(connector.verify(request(body, sign(body).replace('sha1=', '')), new Date())).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('maps through the tables: Unix seconds, a prefixed customer id, the reason, extra data', async () => {
    const outcome = await connector.map(
      { deliveryId: 'sale.voided:v-9', topic: 'sale.voided', headers: {}, body: voided('card') },
      { orderNumberOf: async () => undefined, newestSnapshotOf: async () => undefined },
    );
    expect(outcome).toEqual({
      kind: 'events',
      aliases: [],
      events: [
        {
          id: 'till:v-9',
          type: 'order.payment_failed',
          occurred_at: '2026-12-01T10:00:00.000Z',
          customer: { email: 'lia@example.com', external_id: 'till:88' },
          order: { id: '4471' },
          data: { reason: 'payment_verification_failed', till: 3 },
        },
      ],
    });
  });

  it('ignores what the table says to ignore, and fails naming a value the table does not have', async () => {
    const map = (why: string, topic = 'sale.voided') =>
      connector.map({ deliveryId: 'd', topic, headers: {}, body: voided(why) }, { orderNumberOf: async () => undefined, newestSnapshotOf: async () => undefined });
    expect(await map('test')).toMatchObject({ kind: 'ignored' });
    expect(await map('stock')).toEqual({ kind: 'failed', error: 'type: the value "stock" at $.why is not in the type table (card, test)' });
    expect(await map('card', 'sale.created')).toEqual({ kind: 'ignored', note: 'no mapping takes topic sale.created', aliases: [] });
  });
});

// The access log says which route answered, never the secret in the URL: status pages and forms carry their
// token in the path, the live stream its bearer token in the query string.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Kept } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { adminToken } from '../helpers/test-app.js';

describe.each(storeKinds)('the access log on %s', (kind) => {
  let store: TestStore;
  let kept: Kept;
  const lines: string[] = [];
  beforeAll(async () => {
    store = await createTestStore(kind);
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const config = loadConfig({ KEPT_CLOCK: 'manual', KEPT_ADMIN_TOKEN: adminToken, KEPT_LOG_LEVEL: 'debug' });
    kept = await buildApp({ config, store, logger: pino({ level: 'debug' }, sink) });
  });
  afterAll(async () => {
    await kept?.close();
    await store?.close();
  });

  it('logs the route pattern of status pages, forms and the stream, not their tokens', async () => {
    const secrets = ['st_secretstatus0123456789', 'fm_secretform0123456789', 'kept_secret_stream_token_0123'];
    await kept.app.inject({ method: 'GET', url: `/status/${secrets[0]}` });
    await kept.app.inject({ method: 'GET', url: `/forms/${secrets[1]}?score=3` });
    await kept.app.inject({ method: 'GET', url: `/api/v1/stream?token=${secrets[2]}` });
    await kept.app.inject({ method: 'GET', url: `/no-such-page/${secrets[0]}` });
    const access = lines.filter((line) => line.includes('"statusCode"'));
    expect(access.map((line) => JSON.parse(line).route)).toEqual(['/status/:token', '/forms/:token', '(no route)']);
    for (const secret of secrets) expect(lines.filter((line) => line.includes(secret))).toEqual([]);
  });
});

// The engine's webhooks, sent after the commit that recorded them (signed, retried), their outcome written to
// the action; those a stopped process recorded but never sent are sent again at the next start.
import type { Logger } from 'pino';
import type { Db } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import type { PendingWebhook } from './commitment-actions.js';
import * as repo from './commitment.repo.js';
import type { EngineConfig } from './engine.types.js';
import { sendWebhook, type SendWebhookOptions } from './webhook.js';

export function createWebhookDelivery(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  engine: EngineConfig;
  options?: Partial<Pick<SendWebhookOptions, 'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'>>;
}) {
  const inFlight = new Set<Promise<void>>();

  function deliver(webhook: PendingWebhook): void {
    const delivery = sendWebhook({ ...deps.options, url: webhook.url, secret: webhook.secret, payload: webhook.payload, idempotencyKey: webhook.key })
      .then((result) =>
        repo.setActionResult(deps.db, {
          key: webhook.key,
          result: { status: result.delivered ? 'delivered' : 'failed', url: webhook.url, attempts: result.attempts, http_status: result.status, payload: webhook.payload },
        }),
      )
      .catch((error: unknown) => deps.logger.warn({ err: error, key: webhook.key }, 'webhook result not recorded'))
      .finally(() => inFlight.delete(delivery));
    inFlight.add(delivery);
  }

  /**
   * Sends again the webhooks recorded `pending` longer than `olderThanMs` ago: their process stopped between
   * commit and delivery. The secret comes from the policy that names the URL. Receivers dedupe by the
   * Idempotency-Key header, so a webhook that did arrive before the stop does no harm.
   */
  async function resumePending(options: { olderThanMs: number }): Promise<number> {
    const secrets = new Map<string, string>();
    for (const policy of deps.engine.policies) {
      for (const action of [...policy.on_breach, ...(policy.at_risk?.actions ?? [])]) if (action.type === 'webhook') secrets.set(action.url, action.secret);
    }
    const pending = await repo.listUnsentWebhookActions(deps.db, { recordedBefore: new Date(deps.clock.now().getTime() - options.olderThanMs), limit: 1_000 });
    for (const { key, result } of pending) {
      const url = typeof result['url'] === 'string' ? result['url'] : '';
      const secret = secrets.get(url);
      const payload = result['payload'];
      if (!secret || !payload || typeof payload !== 'object') {
        await repo.setActionResult(deps.db, { key, result: { ...result, status: 'abandoned', detail: 'no policy names this webhook any more' } });
        continue;
      }
      deliver({ key, url, secret, payload: payload as Record<string, string | null> });
    }
    return pending.length;
  }

  return {
    deliver,
    resumePending,
    /** Waits for webhooks being delivered (tests, and a graceful stop). */
    async drain(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}

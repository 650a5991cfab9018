// A declared connector is checked when Kept starts: each problem names the file, line and field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-file.js';
import { loadConfig } from '../../config/config.js';

function problemsOf(text: string): { path: string; problems: ConfigError['problems'] } {
  const path = join(mkdtempSync(join(tmpdir(), 'kept-connectors-')), 'kept.config.yaml');
  writeFileSync(path, text);
  try {
    loadConfig({ KEPT_CONFIG: path });
  } catch (error) {
    if (error instanceof ConfigError) return { path, problems: error.problems };
    throw error;
  }
  return { path, problems: [] };
}

const valid = `connectors:
  tiny-shop:
    secret_env: TINY_SHOP_SECRET
    signature: { header: X-Tiny-Signature }
    delivery_id: { header: X-Tiny-Delivery }
    events:
      - id: $.id
        occurred_at: $.at
        type: { path: $.status, map: { cancelled: order.cancelled } }
        reason: { path: $.why, map: { declined: payment_verification_failed } }
        order: { id: $.order }
`;

describe('the connectors section', () => {
  it('takes a valid declared connector', () => {
    expect(problemsOf(valid).problems).toEqual([]);
  });

  it('names the line of a JSON path that does not parse, an unknown event type and a reason not in the catalog', () => {
    const broken = valid
      .replace('occurred_at: $.at', 'occurred_at: $.at[')
      .replace('cancelled: order.cancelled', 'cancelled: Cancelled')
      .replace('declined: payment_verification_failed', 'declined: card_said_no');
    const { path, problems } = problemsOf(broken);
    expect(problems).toEqual([
      expect.objectContaining({ file: path, line: 8, field: 'connectors.tiny-shop.events.0.occurred_at', message: expect.stringContaining('not a JSON path') }),
      expect.objectContaining({ file: path, line: 9, field: 'connectors.tiny-shop.events.0.type.map.cancelled', message: 'a dotted event type such as "order.cancelled", or "ignore"' }),
    ]);
    const reasonOnly = problemsOf(valid.replace('declined: payment_verification_failed', 'declined: card_said_no'));
    expect(reasonOnly.problems).toEqual([
      expect.objectContaining({ file: reasonOnly.path, line: 10, field: 'connectors.tiny-shop.events.0.reason.map.declined', message: 'reason card_said_no is not in the reason catalog' }),
    ]);
  });

  it('refuses a built-in name, a timestamp scheme without its header, and a delivery id from nowhere', () => {
    expect(problemsOf(valid.replace('  tiny-shop:', '  shopify:')).problems).toEqual([
      expect.objectContaining({ field: 'connectors.shopify', message: 'a built-in connector: it needs no mapping, only its KEPT_…_WEBHOOK_SECRET' }),
    ]);
    const { problems } = problemsOf(
      valid
        .replace('signature: { header: X-Tiny-Signature }', 'signature: { header: X-Tiny-Signature, signed: timestamp_and_body }')
        .replace('delivery_id: { header: X-Tiny-Delivery }', 'delivery_id: {}'),
    );
    expect(problems.map((problem) => [problem.field, problem.line])).toEqual([
      ['connectors.tiny-shop.signature.timestamp_header', 4],
      ['connectors.tiny-shop.delivery_id', 5],
    ]);
  });
});

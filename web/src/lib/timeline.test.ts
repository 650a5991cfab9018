import { describe, expect, it } from 'vitest';
import { describeTimelineItem } from './timeline';

describe('timeline entries', () => {
  it('names an order event with its order and recorded reason', () => {
    const d = describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'event', event_type: 'order.cancelled', order_id: 'A-1001', reason_code: 'payment_verification_failed' });
    expect(d).toEqual({ title: 'Event: order.cancelled', detail: 'order A-1001 · reason payment_verification_failed' });
  });

  it('shows who sent a message, on which channel, and what it said', () => {
    const d = describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'message_out', channel: 'sms', author_name: 'Maria', body: 'On its way' });
    expect(d).toEqual({ title: 'Message out (sms) by Maria', detail: 'On its way' });
  });

  it('names the kind of a breached commitment', () => {
    expect(describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'commitment_breached', kind: 'callback' }).title).toBe('Commitment breached: callback');
  });
});

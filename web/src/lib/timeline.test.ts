import { describe, expect, it } from 'vitest';
import { describeTimelineItem } from './timeline';

describe('timeline entries', () => {
  it("names an order event with its order and the reason in the event's data", () => {
    const d = describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'event', event_type: 'order.cancelled', order_number: 'A-1001', data: { reason: 'payment_verification_failed' } });
    expect(d).toEqual({ title: 'Event: order.cancelled', detail: 'order A-1001 · reason payment_verification_failed' });
  });

  it('shows who sent a message, on which channel, and what it said', () => {
    const d = describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'message_out', channel: 'sms', author_kind: 'agent', subject: null, body: 'On its way' });
    expect(d).toEqual({ title: 'Message out (sms) by an agent', detail: 'On its way' });
    expect(describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'message_in', channel: 'email', author_kind: 'customer', subject: 'Order', body: 'Where?' })).toEqual({
      title: 'Message in (email)',
      detail: 'Order — Where?',
    });
  });

  it('names the kind of a breached commitment, and why one was waived', () => {
    expect(describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'commitment_breached', kind: 'callback' }).title).toBe('Commitment breached: callback');
    expect(describeTimelineItem({ at: '2026-12-01T10:00:00Z', type: 'commitment_waived', kind: 'notify', reason: 'customer withdrew' })).toEqual({
      title: 'Commitment waived: notify',
      detail: 'reason: customer withdrew',
    });
  });

  it('shows why a promise was dismissed, and how one was corrected', () => {
    expect(describeTimelineItem({ at: '2026-12-02T11:00:00Z', type: 'commitment_dismissed', kind: 'update', note: 'the courier writes, not us' })).toEqual({
      title: 'Promise dismissed: update',
      detail: 'note: the courier writes, not us',
    });
    const corrected = describeTimelineItem({
      at: '2026-12-02T11:00:00Z',
      type: 'commitment_corrected',
      kind: 'callback',
      from_due_at: '2026-12-03T17:00:00Z',
      due_at: '2026-12-04T10:00:00Z',
      note: 'out on Thursday',
    });
    expect(corrected.title).toBe('Promise corrected: callback');
    expect(corrected.detail).toContain('note: out on Thursday');
  });
});

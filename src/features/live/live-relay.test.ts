import { describe, expect, it } from 'vitest';
import { maxPayloadBytes } from '../../db/notifications.js';
import type { LiveEvent } from './live-event.js';
import { packLiveEvents } from './live-relay.js';

describe('packing live changes for the other processes', () => {
  const changes = (n: number): LiveEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'case.updated', data: { case_id: `case_${String(i).padStart(20, '0')}` } }));

  it('sends a few changes as one payload', () => {
    expect(
      packLiveEvents(
        'p1',
        changes(2).map((e) => JSON.stringify(e)),
      ),
    ).toEqual(['{"origin":"p1","events":[{"type":"case.updated","data":{"case_id":"case_00000000000000000000"}},{"type":"case.updated","data":{"case_id":"case_00000000000000000001"}}]}']);
    expect(packLiveEvents('p1', [])).toEqual([]);
  });

  it("splits an ingest batch's changes into payloads PostgreSQL accepts, losing none and keeping their order", () => {
    const events = changes(1_000);
    const payloads = packLiveEvents(
      'p1',
      events.map((e) => JSON.stringify(e)),
    );
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.every((p) => Buffer.byteLength(p) <= maxPayloadBytes)).toBe(true);
    const unpacked = payloads.flatMap((p) => (JSON.parse(p) as { origin: string; events: LiveEvent[] }).events);
    expect(unpacked).toEqual(events);
  });
});

// A claim's documents: received once, found by the commitment that owes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds, createTestStore, type TestStore } from '../../../test/helpers/stores.js';
import { insertClaim, insertDocument, markDocumentReceived, setDocumentCommitment, findDocumentByCommitment } from './claim.repo.js';

describe.each(storeKinds)('claim documents on %s', (kind) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createTestStore(kind);
  });
  afterAll(async () => store?.close());

  const at = new Date('2026-12-01T09:00:00Z');
  async function commitment(id: string, state: 'open' | 'breached' | 'waived') {
    await store.db
      .insertInto('commitments')
      .values({
        id,
        kind: 'document',
        state,
        due_at: new Date('2026-12-08T09:00:00Z'),
        owner_id: null,
        owner_role: null,
        case_id: null,
        customer_id: null,
        order_number: null,
        policy_id: null,
        opened_by: 'claim:test',
        fulfilled_by: null,
        paused_at: null,
        details: JSON.stringify({}),
        opened_at: at,
        closed_at: null,
        breached_at: null,
        waived_by: null,
        waived_reason: null,
      })
      .execute();
  }

  it('receives a document once, and finds it by its commitment', async () => {
    const claim = await insertClaim(store.db, { caseId: 'cas_1', customerId: 'cus_1', orderNumber: 'A-1', type: 'non_delivery', openedBy: 'test', at });
    const document = await insertDocument(store.db, { claimId: claim.id, caseId: 'cas_1', kind: 'declaration', at });
    await commitment('com_open', 'open');
    await setDocumentCommitment(store.db, { id: document.id, commitmentId: 'com_open' });
    expect((await findDocumentByCommitment(store.db, 'com_open'))?.id).toBe(document.id);

    const received = new Date('2026-12-02T10:00:00Z');
    expect((await markDocumentReceived(store.db, { id: document.id, submission: { full_name: 'Ana' }, at: received }))?.receivedAt).toEqual(received);
    expect(await markDocumentReceived(store.db, { id: document.id, submission: { full_name: 'Other' }, at: received })).toBeUndefined();
  });
});

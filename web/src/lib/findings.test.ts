import { describe, expect, it } from 'vitest';
import { buildReply, findingLabel, groupFindings, overrideState } from './findings';

const lastFour = { code: 'fact_mismatch', detail: '7776 is not the last four digits of a card on file' };
const amount = { code: 'fact_mismatch', detail: 'the refund was 40.00 EUR, not 45.00 EUR' };
const repeated = { code: 'repeated_reply', detail: 'same as the reply sent on 1 Dec' };

describe('findings in the composer', () => {
  it('names the known codes for agents and spells out unknown ones', () => {
    expect(findingLabel('reason_conflict')).toBe('States a different reason than the recorded one');
    expect(findingLabel('gift_recipient_contact')).toBe('Gift recipient contact');
  });

  it('groups two fact mismatches under one heading, keeping both details in order', () => {
    const groups = groupFindings([lastFour, repeated, amount, lastFour]);
    expect(groups.map((g) => g.code)).toEqual(['fact_mismatch', 'repeated_reply']);
    expect(groups[0]?.details).toEqual([lastFour.detail, amount.detail]);
  });

  it('lets a clean reply be sent without a note', () => {
    expect(overrideState({ held: [], overridden: [], note: '' })).toEqual({ missing: [], noteMissing: false, canSend: true });
  });

  it('refuses an override until every held code is ticked and a note is written', () => {
    const held = [lastFour, repeated];
    expect(overrideState({ held, overridden: ['fact_mismatch'], note: 'checked' })).toEqual({
      missing: ['repeated_reply'],
      noteMissing: false,
      canSend: false,
    });
    expect(overrideState({ held, overridden: ['fact_mismatch', 'repeated_reply'], note: '   ' }).canSend).toBe(false);
    expect(overrideState({ held, overridden: ['repeated_reply', 'fact_mismatch'], note: 'customer asked again' }).canSend).toBe(true);
  });

  it('sends only the overrides the server held the reply for, with the trimmed note', () => {
    const input = buildReply({
      authorId: 'ag-1',
      content: { body: 'Your refund is on its way.' },
      held: [repeated],
      overridden: ['repeated_reply', 'fact_mismatch'],
      note: '  she asked twice ',
    });
    expect(input).toEqual({ author_id: 'ag-1', body: 'Your refund is on its way.', override: ['repeated_reply'], note: 'she asked twice' });
  });

  it('sends a first attempt with no override and no note', () => {
    const input = buildReply({ authorId: 'ag-1', content: { body: 'Hello' }, channel: 'email', held: [], overridden: ['fact_mismatch'], note: 'x' });
    expect(input).toEqual({ author_id: 'ag-1', body: 'Hello', channel: 'email' });
  });

  it('sends a template reply as the template and its variables', () => {
    const input = buildReply({ authorId: 'ag-1', content: { template: 'refund_issued', vars: { amount: '40.00 EUR' } }, held: [], overridden: [], note: '' });
    expect(input).toEqual({ author_id: 'ag-1', template: 'refund_issued', vars: { amount: '40.00 EUR' } });
  });
});

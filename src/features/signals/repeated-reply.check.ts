// The `repeated_reply` finding (crack C8): a reply that says again what the case was already told is held
// before it is sent, naming the earlier reply, unless the agent overrides it with a note.
import type { AuditFinding } from '../../db/database.js';
import type { ReplyCheck } from '../cases/reply.service.js';
import { findRepeatedReply } from './repeated-reply.js';
import * as repo from './signal.repo.js';

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80).replace(/\s\S*$/, '')}…` : flat;
}

/** The reply check that compares a draft with every earlier reply of its case. */
export function createRepeatedReplyCheck(): ReplyCheck {
  return async (q, draft): Promise<AuditFinding[]> => {
    const earlierReplies = await repo.listEarlierReplies(q, draft.caseRecord.id);
    const check = findRepeatedReply({ body: draft.body, earlierReplies });
    const matched = earlierReplies.find((reply) => reply.id === check.matchedReplyId);
    if (!check.repeated || !matched) return [];
    return [
      {
        code: 'repeated_reply',
        detail: `This reply repeats the one sent on ${matched.at.toISOString()} (${Math.round(check.similarity * 100)}% alike): "${excerpt(matched.body)}". Answer what the customer asked now, or send it anyway with a note.`,
      },
    ];
  };
}

// What other features may use of cases: the records, and the reads and writes they make inside their own
// transactions (a claim opens its case, the outbox marks messages sent). Nothing outside src/features/cases
// imports its repos; what crosses the boundary is listed here.
export { findCaseById, findCaseByStatusToken, findCasesByIds, insertCase, listCasesOfCustomer, listOpenCasesOfCustomer, updateCase } from './case.repo.js';
export type { CaseRecord } from './case.repo.js';
export {
  findInboundRepeat,
  findMessageByExternalId,
  findMessageById,
  findMessagesByIds,
  insertMessage,
  listInboundExternalIds,
  listMessagesOfCase,
  listMessagesOfCustomer,
  updateMessageStatus,
  updateMessageStatuses,
} from './message.repo.js';
export type { MessageRecord } from './message.repo.js';

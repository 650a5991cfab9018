// What other features may read of commitments: lists, the case JSON's part, and the API view.
export { listCommitments, selectCommitmentViewsOfCase, toCommitmentView } from './commitment.repo.js';
export type { CommitmentRecord } from './commitment.repo.js';

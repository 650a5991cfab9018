// What other features may use of comms' records: the outbox entry's API view.
export { toOutboxView } from './outbox.repo.js';

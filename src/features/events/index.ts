// What other features may read of stored events: a customer's, for the timeline.
export { listEventsOfCustomer } from './event.repo.js';

// What other features may read of customers: a customer and their identities.
export { findCustomerById, findCustomerWithIdentities, listIdentitiesOfCustomer } from './customer.repo.js';
export type { IdentityRow } from './customer.repo.js';

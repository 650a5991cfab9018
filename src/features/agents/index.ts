// What other features may read of agents: one agent, and the roles.
export { findAgentById } from './agent.repo.js';
export type { Role } from './agent.repo.js';

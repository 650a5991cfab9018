// What other features may read of agents: one agent, the roles, and every agent's load (the one definition of it).
export { findAgentById } from './agent.repo.js';
export type { Role } from './agent.repo.js';
export { listAgentLoads } from './agent-load.repo.js';
export type { AgentLoad } from './agent-load.repo.js';

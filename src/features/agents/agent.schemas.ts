// Agents and sessions as the API shows them (AgentView, the login answer).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

export const roleSchema = z.enum(['agent', 'manager', 'admin']);

export const agentViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    role: roleSchema,
    skills: z.array(z.string()),
    capacity: z.number().int(),
    out_of_office: z.boolean(),
    created_at: timeText,
  })
  .meta({ id: 'Agent' });

export const createdAgentSchema = agentViewSchema.extend({
  password_setup_url: z.string().optional().meta({ description: 'Without a password: a one-time link to set one' }),
});

export const loginResultSchema = z.object({ token: z.string().meta({ description: 'A session token for Authorization: Bearer' }), agent: agentViewSchema });

/** `GET /me`: the agent, or the administrator behind an API token, who has no agent record. */
export const meSchema = z.union([agentViewSchema, z.object({ id: z.null(), name: z.string(), email: z.null(), role: roleSchema })]);

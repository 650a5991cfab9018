// The managers' reports as the API shows them (DashboardReport, agent load).
import { z } from 'zod';
import { timeText } from '../../http/responses.js';

export const dashboardSchema = z
  .object({
    from: timeText,
    to: timeText,
    kept_vs_breached: z.array(z.object({ day: z.string(), kept: z.number().int(), breached: z.number().int() })),
    backlog: z.array(z.object({ day: z.string(), open: z.number().int() })),
    first_response_minutes: z.array(z.object({ bucket: z.string(), count: z.number().int() })),
    first_response_waiting: z.number().int().meta({ description: 'Cases of the window still waiting for a first agent reply' }),
    breaches_by_kind: z.array(z.object({ kind: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'Dashboard' });

export const agentLoadSchema = z.object({
  items: z.array(z.object({ agent_id: z.string(), name: z.string(), role: z.string(), open_cases: z.number().int(), at_risk: z.number().int() })),
});

// Reports for managers: the dashboard's series over a window of days, and the team's load.
import type { Db } from '../../db/create-db.js';
import type { Clock } from '../../shared/clock.js';
import * as repo from './report.repo.js';
import { listAgentLoads } from '../agents/index.js';
import { countsPerDay, firstResponseBuckets, reportWindow } from './report.js';

export interface DashboardReport {
  from: string;
  to: string;
  kept_vs_breached: Array<{ day: string; kept: number; breached: number }>;
  backlog: Array<{ day: string; open: number }>;
  first_response_minutes: Array<{ bucket: string; count: number }>;
  /** Cases of the window whose customer is still waiting for a first agent reply. */
  first_response_waiting: number;
  breaches_by_kind: Array<{ kind: string; count: number }>;
  /** Orders sold with caveats in the window: disclosed in time or not, owed information delivered in time or not. */
  caveats?: CaveatCounts;
}

export interface CaveatCounts {
  orders: number;
  disclosed_in_time: number;
  disclosed_late: number;
  disclosure_pending: number;
  info_in_time: number;
  info_late: number;
  info_pending: number;
}

export function createReportService(deps: { db: Db; clock: Clock; caveatCounts?: (range: { from: Date; to: Date }) => Promise<CaveatCounts> }) {
  /** The dashboard over the `days` whole UTC days ending today (by Kept's clock). */
  async function getDashboard(input: { days: number }): Promise<DashboardReport> {
    const window = reportWindow(deps.clock.now(), input.days);
    const range = { from: window.from, to: window.to };
    const [closed, backlog, responses, breaches, caveats] = await Promise.all([
      repo.countKeptAndBreachedByDay(deps.db, range),
      repo.countBacklogByDay(deps.db, { ...range, dayCount: window.days.length }),
      repo.countFirstResponsesByBucket(deps.db, { ...range, boundsMinutes: firstResponseBuckets.map((bucket) => bucket.underMinutes) }),
      repo.countBreachesByKind(deps.db, range),
      deps.caveatCounts?.(range),
    ]);
    return {
      from: window.from.toISOString(),
      to: window.to.toISOString(),
      kept_vs_breached: countsPerDay(window.days, closed, ['kept', 'breached']),
      backlog: countsPerDay(window.days, backlog, ['open']),
      first_response_minutes: firstResponseBuckets.map((bucket, index) => ({ bucket: bucket.label, count: responses.find((row) => row.bucket === index)?.count ?? 0 })),
      first_response_waiting: responses.find((row) => row.bucket === -1)?.count ?? 0,
      breaches_by_kind: breaches,
      ...(caveats ? { caveats } : {}),
    };
  }

  /** Every agent with their unresolved cases and at-risk commitments. */
  async function getAgentLoad(): Promise<{ items: Array<{ agent_id: string; name: string; role: string; open_cases: number; at_risk: number }> }> {
    const [loads, atRisk] = await Promise.all([listAgentLoads(deps.db), repo.countAtRiskByAgent(deps.db)]);
    const byName = [...loads].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { items: byName.map((load) => ({ agent_id: load.id, name: load.name, role: load.role, open_cases: load.openCases, at_risk: atRisk.get(load.id) ?? 0 })) };
  }

  return { getDashboard, getAgentLoad };
}

export type ReportService = ReturnType<typeof createReportService>;

// Every query the console makes, as TanStack Query `queryOptions` factories: one key and one fetch per
// resource, so pages, live updates and mutations name the same data the same way.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { listAgents } from './agents';
import { fetchMe } from './auth';
import { fetchCase, listCases, previewReply } from './cases';
import { fetchClock } from './clock';
import { listCommitments } from './commitments';
import { listConnectorDeliveries, listConnectors, type DeliveryStatus } from './connectors';
import { fetchCustomer, fetchTimeline, findCustomers } from './customers';
import { fetchAgentLoad, fetchDashboard, fetchForecast, fetchSurveyReport } from './reports';
import { fetchSettings, listTemplates } from './settings';
import type { CaseState, CommitmentState, IdentityQuery, Queue, ReplyContent } from './types';

/** The key prefixes a change invalidates: every query under one starts with it. */
export const queryKeys = {
  cases: ['cases'],
  case: (id: string) => ['case', id],
  timeline: ['timeline'],
  customer: (id: string) => ['customer', id],
  commitments: ['commitments'],
  reports: ['reports'],
  clock: ['clock'],
  me: ['me'],
  agents: ['agents'],
  connectors: ['connectors'],
  connectorDeliveries: ['connector-deliveries'],
} as const;

export const clockQuery = () => queryOptions({ queryKey: queryKeys.clock, queryFn: fetchClock, staleTime: 30_000, refetchInterval: 60_000 });

export const meQuery = (token: string | null) => queryOptions({ queryKey: [...queryKeys.me, token], queryFn: fetchMe, enabled: token !== null, retry: false });

export const agentsQuery = () => queryOptions({ queryKey: queryKeys.agents, queryFn: listAgents, staleTime: 60_000 });

export const templatesQuery = () => queryOptions({ queryKey: ['templates'], queryFn: listTemplates, staleTime: 60_000 });

export const settingsQuery = () => queryOptions({ queryKey: ['settings'], queryFn: fetchSettings, staleTime: 60_000 });

export const caseQuery = (id: string) => queryOptions({ queryKey: queryKeys.case(id), queryFn: () => fetchCase(id) });

/** One queue (or all cases in a state) page by page, for the inbox. */
export const caseQueueQuery = (queue: Queue | undefined, state: CaseState | '') =>
  infiniteQueryOptions({
    queryKey: [...queryKeys.cases, queue, state],
    queryFn: ({ pageParam }) => listCases({ queue, state, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });

/** The first page of a queue, for the manager's view. */
export const queueFirstPageQuery = (queue: Queue, limit?: number) =>
  queryOptions({ queryKey: [...queryKeys.cases, queue, limit ?? ''], queryFn: () => listCases({ queue, ...(limit ? { limit } : {}) }) });

export const customerCasesQuery = (customerId: string) => queryOptions({ queryKey: [...queryKeys.cases, 'customer', customerId], queryFn: () => listCases({ customerId }) });

export const customerQuery = (id: string) => queryOptions({ queryKey: queryKeys.customer(id), queryFn: () => fetchCustomer(id) });

export const timelineQuery = (customerId: string | undefined) =>
  queryOptions({ queryKey: [...queryKeys.timeline, customerId], queryFn: () => fetchTimeline(customerId ?? ''), enabled: customerId !== undefined });

export const customerSearchQuery = (lookup: IdentityQuery | null) =>
  queryOptions({ queryKey: ['customer-search', lookup], queryFn: () => findCustomers(lookup as IdentityQuery), enabled: lookup !== null });

export const commitmentsQuery = (state: CommitmentState, limit: number) => queryOptions({ queryKey: [...queryKeys.commitments, state, limit], queryFn: () => listCommitments({ state, limit }) });

export const replyPreviewQuery = (caseId: string, content: ReplyContent | null) =>
  queryOptions({ queryKey: ['preview', caseId, content], queryFn: () => previewReply(caseId, content as ReplyContent), enabled: content !== null, staleTime: 30_000 });

export const dashboardQuery = (days: number) => queryOptions({ queryKey: [...queryKeys.reports, 'dashboard', days], queryFn: () => fetchDashboard(days) });

export const surveyReportQuery = () => queryOptions({ queryKey: [...queryKeys.reports, 'surveys'], queryFn: fetchSurveyReport });

export const forecastQuery = () => queryOptions({ queryKey: [...queryKeys.reports, 'forecast'], queryFn: () => fetchForecast() });

export const agentLoadQuery = () => queryOptions({ queryKey: [...queryKeys.reports, 'agents'], queryFn: fetchAgentLoad });

export const connectorsQuery = () => queryOptions({ queryKey: queryKeys.connectors, queryFn: listConnectors });

export const connectorDeliveriesQuery = (status: DeliveryStatus | '') =>
  queryOptions({ queryKey: [...queryKeys.connectorDeliveries, status], queryFn: () => listConnectorDeliveries(status ? { status } : {}) });

// Crack C10: churn intent, negative sentiment, repeated contact and the customer's value feed one risk
// score, with every reason shown and weighted, so a valuable customer about to leave is routed to recovery.
import { z } from 'zod';
import { formatMoney } from '../../shared/values.js';
import { NEGATIVE_SENTIMENT, sentimentTrend } from './sentiment.js';

export type RiskSignalCode = 'manager_request' | 'churn_intent' | 'negative_sentiment' | 'sentiment_falling' | 'repeated_contact' | 'many_agents' | 'breached_commitment' | 'high_value';

export interface RiskSignal {
  readonly code: RiskSignalCode;
  readonly detail: string;
  /** What this signal added to the score. */
  readonly weight: number;
}

export interface Risk {
  /** 0..1, the sum of the signals' weights capped at 1. */
  readonly score: number;
  readonly signals: readonly RiskSignal[];
}

export const riskInputsSchema = z.object({
  managerRequested: z.boolean(),
  churnIntent: z.boolean(),
  /** Sentiment of each customer message of the case, in order, each in [-1, 1]. */
  sentiments: z.array(z.number().min(-1).max(1)),
  /** Customer messages since the last agent reply that moved the case. */
  repeatedContacts: z.number().int().min(0),
  distinctAgentsReplied: z.number().int().min(0),
  breachedCommitments: z.number().int().min(0),
  customerValue: z.object({
    orderCount: z.number().int().min(0),
    spendMinor: z.number().int().min(0),
    currency: z.string().length(3),
  }),
});
export type RiskInputs = z.infer<typeof riskInputsSchema>;

/** The weights, in one place so they can be read, documented and tuned together. */
export const RISK_WEIGHTS = {
  manager_request: 0.25,
  churn_intent: 0.4,
  /** When the mean of the last three messages reads negative: half at -0.25, full at -0.5 or below. */
  negative_sentiment: 0.2,
  sentiment_falling: 0.1,
  /** Per customer message beyond the first without progress, up to `repeated_contact_cap`. */
  repeated_contact: 0.05,
  repeated_contact_cap: 0.2,
  /** Three or more distinct agents; five or more weighs `many_agents_five`. */
  many_agents: 0.1,
  many_agents_five: 0.15,
  /** Per breached commitment, up to `breached_commitment_cap`. */
  breached_commitment: 0.15,
  breached_commitment_cap: 0.3,
  /** Only added alongside another signal: a valuable customer who is also unhappy. */
  high_value: 0.1,
} as const;

/** A score at or above this is high risk and routes the case to recovery. */
export const HIGH_RISK_THRESHOLD = 0.5;

/** A customer with this many orders, or this spend in minor units of any currency, is of high value. */
export const HIGH_VALUE = { orderCount: 10, spendMinor: 100_000 } as const;

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** Scores how likely a case is to lose its customer, with the weighted reasons an agent sees. */
export function computeRisk(inputs: RiskInputs): Risk {
  const signals: RiskSignal[] = [];
  const add = (code: RiskSignalCode, weight: number, detail: string): void => {
    if (weight > 0) signals.push({ code, detail, weight: round(weight) });
  };

  if (inputs.managerRequested) add('manager_request', RISK_WEIGHTS.manager_request, 'The customer asked for a manager.');
  if (inputs.churnIntent) add('churn_intent', RISK_WEIGHTS.churn_intent, 'The customer said they may stop buying.');

  const trend = sentimentTrend(inputs.sentiments);
  if (trend.recent <= NEGATIVE_SENTIMENT) {
    const depth = Math.min(1, -trend.recent / 0.5);
    add('negative_sentiment', RISK_WEIGHTS.negative_sentiment * depth, `Recent messages read negative (mean ${trend.recent.toFixed(2)}).`);
  }
  if (inputs.sentiments.length >= 3 && trend.direction === 'falling') {
    add('sentiment_falling', RISK_WEIGHTS.sentiment_falling, `Sentiment is falling (${trend.slope.toFixed(2)} per message).`);
  }
  if (inputs.repeatedContacts >= 2) {
    const weight = Math.min(RISK_WEIGHTS.repeated_contact_cap, RISK_WEIGHTS.repeated_contact * (inputs.repeatedContacts - 1));
    add('repeated_contact', weight, `${inputs.repeatedContacts} customer messages since the last reply that moved the case.`);
  }
  if (inputs.distinctAgentsReplied >= 3) {
    const weight = inputs.distinctAgentsReplied >= 5 ? RISK_WEIGHTS.many_agents_five : RISK_WEIGHTS.many_agents;
    add('many_agents', weight, `${inputs.distinctAgentsReplied} different agents replied.`);
  }
  if (inputs.breachedCommitments > 0) {
    const weight = Math.min(RISK_WEIGHTS.breached_commitment_cap, RISK_WEIGHTS.breached_commitment * inputs.breachedCommitments);
    add('breached_commitment', weight, `${inputs.breachedCommitments} commitment(s) to the customer breached.`);
  }
  const { orderCount, spendMinor, currency } = inputs.customerValue;
  if (signals.length > 0 && (orderCount >= HIGH_VALUE.orderCount || spendMinor >= HIGH_VALUE.spendMinor)) {
    add('high_value', RISK_WEIGHTS.high_value, `Valuable customer: ${orderCount} orders, ${formatMoney({ amountMinor: spendMinor, currency })} spent.`);
  }

  const total = signals.reduce((sum, signal) => sum + signal.weight, 0);
  return { score: round(Math.min(1, total)), signals };
}

/** Whether a risk score routes the case to the recovery queue. */
export function isHighRisk(score: number): boolean {
  return score >= HIGH_RISK_THRESHOLD;
}

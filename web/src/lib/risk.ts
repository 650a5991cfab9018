// Turns a risk score into a level the inbox can colour, and a signal into readable text.
import type { CaseState, RiskSignal } from '../api/types';

export type RiskLevel = 'low' | 'medium' | 'high';

/** Scores may come as 0–1 or 0–100; both read the same. High from 70, medium from 40. */
export function riskLevel(score: number): { level: RiskLevel; percent: number } {
  const percent = Math.round(Math.max(0, Math.min(100, score <= 1 ? score * 100 : score)));
  return { level: percent >= 70 ? 'high' : percent >= 40 ? 'medium' : 'low', percent };
}

/** One line of text for a risk signal, whether it came as a code or with its detail. */
export function describeSignal(signal: RiskSignal): string {
  if (typeof signal === 'string') return signal.replace(/_/g, ' ');
  const name = signal.code.replace(/_/g, ' ');
  const weight = signal.weight === undefined ? '' : ` (+${signal.weight})`;
  return signal.detail ? `${name}: ${signal.detail}${weight}` : `${name}${weight}`;
}

/**
 * The customer's risk is that of their riskiest case still in hand (open or pending): risk is scored per
 * case, from what the customer wrote on it. Undefined when no case is in hand.
 */
export function riskiestCase<T extends { state: CaseState; risk: { score: number } }>(cases: readonly T[]): T | undefined {
  let riskiest: T | undefined;
  for (const c of cases) {
    if (c.state === 'resolved') continue;
    if (!riskiest || riskLevel(c.risk.score).percent > riskLevel(riskiest.risk.score).percent) riskiest = c;
  }
  return riskiest;
}

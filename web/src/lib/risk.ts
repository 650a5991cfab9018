// Turns a risk score into a level the inbox can colour, and a signal into readable text.
import type { RiskSignal } from '../api/types';

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

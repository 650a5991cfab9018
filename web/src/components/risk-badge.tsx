// A coloured risk level with its score, readable by screen readers.
import { riskLevel } from '../lib/risk';

export function RiskBadge({ score }: { score: number }) {
  const { level, percent } = riskLevel(score);
  return (
    <span className={`risk risk-${level}`}>
      <span aria-hidden="true">
        {level} {percent}
      </span>
      <span className="visually-hidden">{`Risk ${level}, ${percent} of 100`}</span>
    </span>
  );
}

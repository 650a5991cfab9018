// Reads every customer message on every channel (cracks C9, C10) and keeps each case's risk current: a
// manager request escalates the case, churn intent is announced, and a high score routes the case to recovery.
// Everything happens inside the transaction that recorded the message, so a signal is never half-applied.
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/create-db.js';
import type { DomainBus, DomainFact } from '../../domain-events.js';
import { riskInputsFromHistory } from './case-risk.js';
import type { AnalysisPool } from './analysis-pool.js';
import type { IntentDetection } from './intent-detector.js';
import type { MessageSignals } from './message-signals.js';
import { computeRisk, isHighRisk, type Risk } from './risk.js';
import * as repo from './signal.repo.js';

/** The queue a high-risk case is routed to. */
export const RECOVERY_QUEUE = 'recovery';

function quoted(sentence: string | undefined): string {
  return sentence ? `"${sentence.trim()}"` : '';
}

/** The detection's sentence and the words that weighed most, so an agent sees why it fired. */
function explained(detection: IntentDetection): string {
  const words = detection.explanation.length > 0 ? ` (weighed most: ${detection.explanation.slice(0, 3).join(', ')})` : '';
  return `${quoted(detection.evidence)}${words}`;
}

/** True when a risk would be stored as the one stored already (the score is a 4-byte real). */
function sameRisk(risk: Risk, stored: { score: number; signals: readonly { code: string; detail: string; weight: number }[] }): boolean {
  return (
    Math.fround(risk.score) === Math.fround(stored.score) &&
    risk.signals.length === stored.signals.length &&
    risk.signals.every((signal, index) => {
      const other = stored.signals[index]!;
      return signal.code === other.code && signal.detail === other.detail && signal.weight === other.weight;
    })
  );
}

function riskSummary(risk: Risk): string {
  return risk.signals.map((signal) => `${signal.code} ${signal.weight}`).join(', ');
}

/** The signals service: `onMessageRecorded` for the bus, `refreshCase` to rescore a case after anything else changed it. */
export function createSignalService(deps: { db: Db; bus: DomainBus; logger: Logger; analysis: AnalysisPool }) {
  const findCaseRiskFacts = repo.createCaseRiskFactsReader(deps.db);
  async function emitSignal(tx: Tx, input: { code: string; caseId: string; customerId: string; messageId: string; detail: string; at: Date }): Promise<void> {
    deps.logger.info({ case_id: input.caseId, customer_id: input.customerId, message_id: input.messageId, signal: input.code }, 'signal detected');
    await deps.bus.emit('signal.detected', input, tx);
  }

  /**
   * Recomputes a case's risk after a message and applies what follows from it. `read` is what the message
   * said when it came from the customer.
   */
  async function refreshCase(tx: Tx, input: { caseId: string; messageId: string; read: MessageSignals | undefined; at: Date }): Promise<void> {
    const caseRow = await findCaseRiskFacts(tx, input.caseId);
    if (!caseRow) return;
    const customerId = caseRow.customerId;
    const risk = computeRisk(riskInputsFromHistory({ history: caseRow.history, breachedCommitments: caseRow.breachedCommitments, customerValue: caseRow.customerValue }));
    const base = { caseId: input.caseId, customerId, messageId: input.messageId, at: input.at };

    const managerRequest = input.read?.managerRequest;
    const escalate = managerRequest?.detected === true && !caseRow.escalated;
    const recover = isHighRisk(risk.score) && caseRow.queue !== RECOVERY_QUEUE && caseRow.state !== 'resolved';
    // The same risk written again would change nothing: it is written only when it moved (or the case does).
    if (escalate || recover || !sameRisk(risk, caseRow.risk)) {
      await repo.updateCaseRouting(tx, { caseId: input.caseId, risk, ...(escalate ? { escalated: true } : {}), ...(recover ? { queue: RECOVERY_QUEUE } : {}), at: input.at });
    }

    if (managerRequest?.detected) {
      const detail = `The customer asked for a manager: ${explained(managerRequest)}`;
      if (escalate) await repo.insertCaseNote(tx, { caseId: input.caseId, kind: 'escalated', authorId: null, body: detail, at: input.at });
      // One escalation at a time: a customer who asks again while a manager still owes an answer is heard by
      // the commitment already open (and counted in the risk), not by a second one.
      if (!(await repo.hasOpenCommitment(tx, { caseId: input.caseId, kind: 'escalation' }))) await emitSignal(tx, { ...base, code: 'manager_request', detail });
    }
    const churnIntent = input.read?.churnIntent;
    if (churnIntent?.detected) await emitSignal(tx, { ...base, code: 'churn_intent', detail: `The customer may stop buying: ${explained(churnIntent)}` });
    if (recover) {
      const detail = `Risk ${risk.score} (${riskSummary(risk)}): routed to recovery.`;
      await repo.insertCaseNote(tx, { caseId: input.caseId, kind: 'recovery', authorId: null, body: detail, at: input.at });
      await emitSignal(tx, { ...base, code: 'recovery_needed', detail });
    }
  }

  /** The 'message.recorded' handler: reads a customer's message, then refreshes its case's risk. */
  async function onMessageRecorded(fact: DomainFact<'message.recorded'>, tx: Tx): Promise<void> {
    const { message } = fact;
    if (!message.caseId || message.noise) return;
    let read: MessageSignals | undefined;
    if (message.direction === 'in' && message.authorKind === 'customer') {
      const reading = await deps.analysis.readMessage(message.body);
      read = reading.signals;
      if (reading.truncated) deps.logger.info({ case_id: message.caseId, message_id: message.id, length: message.body.length }, 'message longer than analysis reads; its start was read');
      await repo.insertMessageSignals(tx, {
        messageId: message.id,
        caseId: message.caseId,
        sentiment: read.sentiment,
        managerRequest: read.managerRequest.detected ? (read.managerRequest.evidence ?? message.body.slice(0, 200)) : null,
        churnIntent: read.churnIntent.detected ? (read.churnIntent.evidence ?? message.body.slice(0, 200)) : null,
        analysisTruncated: reading.truncated,
        at: message.at,
      });
    }
    await refreshCase(tx, { caseId: message.caseId, messageId: message.id, read, at: message.at });
  }

  /**
   * The 'commitments.moved' handler: a breach, or a breached commitment kept late or waived, changes its case's
   * risk (it counts breached commitments), so the case is rescored in the same transaction, and routed to
   * recovery when it now needs it. Other moves leave the risk as it was.
   */
  async function onCommitmentsMoved(fact: DomainFact<'commitments.moved'>, tx: Tx): Promise<void> {
    const byCase = new Map<string, string>();
    for (const move of fact.moves) {
      const counts = move.from === 'breached' || move.to === 'breached';
      if (counts && move.caseId && !byCase.has(move.caseId)) byCase.set(move.caseId, `commitment:${move.commitmentId}:${move.to}`);
    }
    for (const [caseId, source] of byCase) await refreshCase(tx, { caseId, messageId: source, read: undefined, at: fact.at });
  }

  return { onMessageRecorded, onCommitmentsMoved, refreshCase };
}

export type SignalService = ReturnType<typeof createSignalService>;

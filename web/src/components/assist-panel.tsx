// Beside each customer message, what its numbers are according to the records; and the suggested reply,
// which one click puts in the composer (the agent still reads and sends it).
import { useQuery } from '@tanstack/react-query';
import { fetchCaseAssist, type AssistExplanation, type AssistMessage } from '../api/assist';
import { ErrorNote, Loading } from './query-state';

const excerptChars = 400;

export function AssistPanel({ caseId, messages, onUseReply }: { caseId: string; messages: AssistMessage[]; onUseReply: (body: string) => void }) {
  const assist = useQuery({ queryKey: ['assist', caseId, messages.length], queryFn: () => fetchCaseAssist(caseId) });
  if (assist.isPending) return <Loading what="explanations" />;
  if (assist.isError) return <ErrorNote error={assist.error} />;
  const { explanations, suggested_reply: suggested } = assist.data;
  const byMessage = new Map<string, AssistExplanation[]>();
  for (const entry of explanations) byMessage.set(entry.message_id, [...(byMessage.get(entry.message_id) ?? []), entry]);
  const explained = messages.filter((message) => byMessage.has(message.id));
  if (explained.length === 0 && !suggested) return null;

  return (
    <section className="assist" aria-labelledby="assist-title">
      <h2 id="assist-title">What the customer's numbers are</h2>
      {explained.map((message) => (
        <div key={message.id} className="assist-row">
          <blockquote className="assist-message">{message.body.length > excerptChars ? `${message.body.slice(0, excerptChars)}…` : message.body}</blockquote>
          <ul className="assist-explanations" aria-label="Explanations">
            {byMessage.get(message.id)!.map((entry, index) => (
              <li key={index} className={entry.kind === 'unknown' ? 'assist-unknown' : undefined}>
                {entry.explanation}
              </li>
            ))}
          </ul>
        </div>
      ))}
      {suggested && (
        <div className="assist-suggested">
          <p className="muted">
            {suggested.audit.ok
              ? 'Suggested reply, drafted from the records; the fact audit finds nothing.'
              : `Suggested reply; the fact audit finds: ${suggested.audit.findings.map((finding) => finding.detail).join('; ')}`}
          </p>
          <button type="button" onClick={() => onUseReply(suggested.body)}>
            Use suggested reply
          </button>
        </div>
      )}
    </section>
  );
}

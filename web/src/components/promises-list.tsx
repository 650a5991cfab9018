// Lists the promises a reply makes and the commitments they opened.
import type { Commitment, ReplyPromise } from '../api/types';
import { formatTime } from '../lib/format';

/** The promises a reply makes (or made), each of which becomes a commitment with a deadline. */
export function PromisesList({ promises, opened, title }: { promises: ReplyPromise[]; opened?: Commitment[]; title: string }) {
  if (promises.length === 0 && (!opened || opened.length === 0)) return null;
  return (
    <section className="promises" aria-label={title}>
      <h4>{title}</h4>
      <ul>
        {promises.map((p, index) => (
          <li key={`p-${index}`}>
            <strong>{p.kind}</strong> {p.text && <q>{p.text}</q>} — due {formatTime(p.due_at)}
          </li>
        ))}
        {opened?.map((c) => (
          <li key={c.id}>
            Commitment <strong>{c.kind}</strong> opened, due {formatTime(c.due_at)}
          </li>
        ))}
      </ul>
    </section>
  );
}

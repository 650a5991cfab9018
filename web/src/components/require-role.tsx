// Keeps a page from a role the server would refuse (403), with a clear word when it is reached by its address.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useAgent } from '../auth/session';
import { canOpen, deniedMessage, type Area } from '../lib/roles';

export function RequireRole({ area, children }: { area: Area; children: ReactNode }) {
  const agent = useAgent();
  if (canOpen(agent.role, area)) return <>{children}</>;
  return (
    <section className="denied" aria-labelledby="denied-title">
      <h1 id="denied-title">Not available to you</h1>
      <p role="alert">{deniedMessage(agent.role, area)}</p>
      <p>
        <Link to="/inbox/mine">Back to the inbox</Link>
      </p>
    </section>
  );
}

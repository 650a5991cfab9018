// The admin's controls over who may get in: per agent, disable or enable, end sessions, delete (asked
// twice); and the audit log of every such change, newest first.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { changeAgentAccess, listAuditLog, type AgentAccessAction } from '../api/agents';
import type { Agent } from '../api/types';
import { ErrorNote, Loading } from '../components/query-state';

export function AgentAccessButtons({ agent, self }: { agent: Agent; self: boolean }) {
  const client = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const change = useMutation({
    mutationFn: (action: AgentAccessAction) => changeAgentAccess({ id: agent.id, action }),
    onSuccess: () => {
      setConfirmDelete(false);
      void client.invalidateQueries({ queryKey: ['agents'] });
      void client.invalidateQueries({ queryKey: ['audit-log'] });
    },
  });
  // An admin does not lock themself out from here; another admin can.
  if (self) return <span className="muted">you</span>;
  const act = (action: AgentAccessAction) => change.mutate(action);
  return (
    <span className="row-actions">
      {agent.disabled ? (
        <button type="button" onClick={() => act('enable')} disabled={change.isPending} aria-label={`Enable ${agent.name}`}>
          Enable
        </button>
      ) : (
        <button type="button" onClick={() => act('disable')} disabled={change.isPending} aria-label={`Disable ${agent.name}`}>
          Disable
        </button>
      )}
      <button type="button" onClick={() => act('end-sessions')} disabled={change.isPending} aria-label={`End the sessions of ${agent.name}`}>
        End sessions
      </button>
      {confirmDelete ? (
        <button type="button" className="danger" onClick={() => act('delete')} disabled={change.isPending} aria-label={`Confirm deleting ${agent.name}`}>
          Confirm delete
        </button>
      ) : (
        <button type="button" onClick={() => setConfirmDelete(true)} aria-label={`Delete ${agent.name}`}>
          Delete
        </button>
      )}
      {change.isError && <ErrorNote error={change.error} />}
      {change.data && <span role="status">{change.data.tokens_revoked} token(s) revoked</span>}
    </span>
  );
}

export function AuditLogSection({ names }: { names: Map<string, string> }) {
  const log = useQuery({ queryKey: ['audit-log'], queryFn: listAuditLog });
  const who = (id: string | null, token: string | null) => (id ? (names.get(id) ?? id) : token ? `token ${token}` : 'Kept');
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      {log.isPending && <Loading what="the audit log" />}
      {log.isError && <ErrorNote error={log.error} />}
      {log.data && (
        <table className="compact">
          <caption className="visually-hidden">Who changed who may get in, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((entry) => (
              <tr key={entry.id}>
                <td>{new Date(entry.at).toLocaleString()}</td>
                <td>{who(entry.actor.agent_id, entry.actor.token_id)}</td>
                <td>{entry.action}</td>
                <td>{entry.target.type === 'agent' ? (names.get(entry.target.id) ?? entry.target.id) : `${entry.target.type} ${entry.target.id}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// The admin's page: who can log in, and creating agents and managers.
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createAgent, } from '../api/agents';
import type { Role } from '../api/types';
import { ErrorNote, Loading } from '../components/query-state';
import { agentsQuery, queryKeys } from '../api/queries';

export function AgentsPage() {
  const client = useQueryClient();
  const agents = useQuery(agentsQuery());
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () => createAgent({ name, email, role, ...(password ? { password } : {}) }),
    onSuccess: () => {
      setName('');
      setEmail('');
      setPassword('');
      void client.invalidateQueries({ queryKey: queryKeys.agents });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="agents-page">
      <h1>Agents</h1>
      <div className="grid-2">
        <section aria-labelledby="team-title">
          <h2 id="team-title">Team</h2>
          {agents.isPending && <Loading what="agents" />}
          {agents.isError && <ErrorNote error={agents.error} />}
          {agents.data && (
            <table className="compact">
              <caption className="visually-hidden">Agents, managers and admins</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                </tr>
              </thead>
              <tbody>
                {agents.data.map((a) => (
                  <tr key={a.id}>
                    <td>{a.name}</td>
                    <td>{a.email}</td>
                    <td>{a.role}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <form onSubmit={submit} aria-labelledby="new-agent-title" className="stack">
          <h2 id="new-agent-title">New agent</h2>
          <label htmlFor="agent-name">Name</label>
          <input id="agent-name" required value={name} onChange={(e) => setName(e.target.value)} />
          <label htmlFor="agent-email">Email</label>
          <input id="agent-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="agent-role">Role</label>
          <select id="agent-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="agent">Agent</option>
            <option value="manager">Manager</option>
            <option value="admin">Admin</option>
          </select>
          <label htmlFor="agent-password">Password (leave empty to send a one-time link)</label>
          <input id="agent-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="primary" disabled={create.isPending}>
            Create
          </button>
          {create.isError && <ErrorNote error={create.error} />}
          {create.data && (
            <p role="status">
              Created {create.data.name}.
              {create.data.password_setup_url && (
                <>
                  {' '}
                  One-time link to set a password: <code>{create.data.password_setup_url}</code>
                </>
              )}
            </p>
          )}
        </form>
      </div>
    </div>
  );
}

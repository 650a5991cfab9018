// Who sent a `message.sent` in a history from any source: `author` may be a string ("agent:tom", "system"),
// an object (`name`, `role`, `email`, `id`) or missing (then a `from` address may tell). A person is known by
// a person's role or by being on the agent list; an automatic sender by an automatic role or a no-reply
// address. A sender that says neither is "unknown" and reported as such, never quietly taken for a machine
// or a person.
import { z } from 'zod';

export type AuthorKind = 'person' | 'automated' | 'unknown';

export interface ReadAuthor {
  readonly kind: AuthorKind;
  /** True when the author is a manager (or more senior): their message answers a request for one. */
  readonly manager: boolean;
  /** How the author was read, for the reading report: `data.author (object, role)`, `no author`… */
  readonly via: string;
  /** A short label for examples. */
  readonly label: string;
}

/** An agent as `GET /api/v1/agents` lists them; any of the identifying fields may be given. */
export const listedAgentSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  role: z.string().optional(),
});
export type ListedAgent = z.infer<typeof listedAgentSchema>;

const personRoles = new Set([
  'agent',
  'manager',
  'supervisor',
  'staff',
  'admin',
  'administrator',
  'human',
  'person',
  'employee',
  'operator',
  'representative',
  'rep',
  'team lead',
  'team leader',
  'lead',
  'owner',
  'support',
  'csr',
  'advisor',
  'associate',
  'director',
  'head',
]);
const managerRoles = new Set(['manager', 'supervisor', 'team lead', 'team leader', 'lead', 'owner', 'director', 'head', 'admin', 'administrator']);
const automatedRoles = new Set(['system', 'bot', 'automation', 'automated', 'auto', 'autoresponder', 'notification', 'notifications', 'machine', 'integration', 'workflow', 'api']);
const noReply = /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|notifications?|mailer-daemon|automated|bounce)[^@]*@/i;
const automatedName = /^(?:system|auto(?:mat\w*)?|bot|no[-_.]?reply|notifications?)(?:\b|[:_-])/i;
const managerName = /\b(?:manager|supervisor|team ?lead(?:er)?)\b|^manager:/i;

const norm = (value: string): string => value.trim().toLowerCase().replace(/[_-]+/g, ' ');

export interface AuthorReader {
  /** Who sent a message, from its `data`: `author` first, else a sender address. */
  read(data: Readonly<Record<string, unknown>>): ReadAuthor;
}

const senderFields = ['from', 'sender', 'from_email', 'sent_by'] as const;

/** Reads authors against the agent list (ids, names and e-mail addresses, case-insensitive). */
export function createAuthorReader(agents: readonly ListedAgent[] = []): AuthorReader {
  const listed = new Map<string, ListedAgent>();
  for (const agent of agents) for (const key of [agent.id, agent.name, agent.email]) if (key) listed.set(norm(key), agent);
  const listedAgent = (...keys: Array<unknown>): ListedAgent | undefined => {
    for (const key of keys)
      if (typeof key === 'string' && key.trim() !== '') {
        const found = listed.get(norm(key));
        if (found) return found;
      }
    return undefined;
  };
  const isManagerRole = (role: string | undefined) => role !== undefined && managerRoles.has(norm(role));

  const readString = (author: string): ReadAuthor => {
    const agent = listedAgent(author, author.replace(/^\w+:/, ''));
    if (agent) return { kind: 'person', manager: isManagerRole(agent.role) || managerName.test(author), via: 'data.author (string, agent list)', label: author };
    if (noReply.test(author) || automatedName.test(author.trim())) return { kind: 'automated', manager: false, via: 'data.author (string)', label: author };
    // A named sender in a shop's own export is a person ("agent:tom", "Tom Smith"): the convention Kept's generator and most desks follow.
    return { kind: 'person', manager: managerName.test(author), via: 'data.author (string)', label: author };
  };

  const readObject = (author: Record<string, unknown>): ReadAuthor => {
    const text = (key: string) => (typeof author[key] === 'string' ? (author[key] as string) : undefined);
    const role = text('role') ?? text('type') ?? text('kind');
    const email = text('email') ?? text('address');
    const name = text('name') ?? text('display_name');
    const id = typeof author['id'] === 'number' ? String(author['id']) : text('id');
    const label = name ?? email ?? id ?? JSON.stringify(author).slice(0, 60);
    if (role !== undefined) {
      const r = norm(role);
      if (automatedRoles.has(r)) return { kind: 'automated', manager: false, via: 'data.author.role', label };
      if (personRoles.has(r)) return { kind: 'person', manager: managerRoles.has(r), via: 'data.author.role', label };
    }
    const agent = listedAgent(id, email, name);
    if (agent) return { kind: 'person', manager: isManagerRole(agent.role) || isManagerRole(role), via: 'data.author (agent list)', label };
    if (email && noReply.test(email)) return { kind: 'automated', manager: false, via: 'data.author.email (no-reply)', label };
    return { kind: 'unknown', manager: false, via: role !== undefined ? `data.author.role "${role}" (not a known role)` : 'data.author (object without a known role)', label };
  };

  const readAuthor = (author: unknown): ReadAuthor | undefined => {
    if (author === undefined || author === null || author === '') return undefined;
    if (typeof author === 'string') return readString(author);
    if (typeof author === 'object' && !Array.isArray(author)) return readObject(author as Record<string, unknown>);
    return { kind: 'unknown', manager: false, via: `data.author (${Array.isArray(author) ? 'list' : typeof author})`, label: JSON.stringify(author).slice(0, 60) };
  };

  return {
    read(data: Readonly<Record<string, unknown>>): ReadAuthor {
      const byAuthor = readAuthor(data['author']);
      if (byAuthor) return byAuthor;
      // Without an author, a sender address may still say who wrote: a no-reply address or a listed agent.
      for (const field of senderFields) {
        const value = data[field];
        if (typeof value !== 'string' || value.trim() === '') continue;
        if (noReply.test(value)) return { kind: 'automated', manager: false, via: `data.${field} (no-reply)`, label: value };
        const agent = listedAgent(value);
        if (agent) return { kind: 'person', manager: isManagerRole(agent.role), via: `data.${field} (agent list)`, label: value };
        return { kind: 'unknown', manager: false, via: `data.${field} (not a listed agent)`, label: value };
      }
      return { kind: 'unknown', manager: false, via: 'no author', label: 'no author' };
    },
  };
}

// `kept agents add --name … --email … --role …`: creates an agent through the running instance's API (the
// embedded store belongs to the server process) and prints the one-time link that sets its password.
import { parseArgs } from 'node:util';
import { parseEnv } from '../config/env.js';
import { createDemoApi, type ApiAnswer } from '../features/demo/demo-api.js';

const usage = 'kept agents add --name NAME --email EMAIL [--role agent|manager|admin] [--skills a,b]';
const roles = ['agent', 'manager', 'admin'];

export async function runAgentsCommand(
  argv: string[],
  source: Record<string, string | undefined> = process.env,
  write: (text: string) => void = (text) => void process.stdout.write(text),
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string', default: 'agent' }, skills: { type: 'string' } },
  });
  if (positionals[0] !== 'add' || !values.name || !values.email || !roles.includes(values.role)) {
    process.stderr.write(`Usage: ${usage}\n`);
    return 2;
  }
  const env = parseEnv(source);
  const baseUrl = env.KEPT_URL ?? 'http://localhost:3000';
  if (!env.KEPT_ADMIN_TOKEN) {
    process.stderr.write('Set KEPT_ADMIN_TOKEN to the admin token Kept printed at its first start.\n');
    return 1;
  }
  const api = createDemoApi({ baseUrl, token: env.KEPT_ADMIN_TOKEN });
  const skills = values.skills
    ?.split(',')
    .map((skill) => skill.trim())
    .filter(Boolean);
  let answer: ApiAnswer;
  try {
    answer = await api.post('/api/v1/agents', { name: values.name, email: values.email, role: values.role, ...(skills ? { skills } : {}) });
  } catch {
    process.stderr.write(`Kept does not answer at ${baseUrl}: start it, or set KEPT_URL.\n`);
    return 1;
  }
  const body = answer.body as { id?: string; email?: string; role?: string; password_setup_url?: string; detail?: string };
  if (answer.status !== 201) {
    process.stderr.write(`Kept refused the agent (${answer.status}): ${body.detail ?? JSON.stringify(answer.body)}\n`);
    return 1;
  }
  write(`Created ${body.role} ${body.email} (${body.id}). One-time link to set the password:\n\n  ${body.password_setup_url}\n\n`);
  return 0;
}

// `kept demo`: plays every crack as a story into a running instance, through the public API only, and prints
// what Kept did at each step. A feature the instance lacks shows as "did nothing" rather than as a failure.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createDemoApi } from './demo-api.js';
import type { DemoApi } from './demo-api.js';
import { createDemoContext } from './demo-context.js';
import type { DemoContext } from './demo-context.js';
import { demoStories } from './demo-stories.js';

export interface DemoCommandDeps {
  argv: string[];
  /** KEPT_URL: the running instance (default http://localhost:3000). */
  url?: string | undefined;
  /** KEPT_ADMIN_TOKEN: the admin token of that instance. */
  token?: string | undefined;
  write?: (text: string) => void;
}

const usage = `kept demo [--only C1,C9]
Plays every crack (C1–C11) as a story into the instance at KEPT_URL (default http://localhost:3000), with KEPT_ADMIN_TOKEN.
Run the instance with KEPT_CLOCK=manual to see the timers fire; otherwise the demo says when they will.`;

async function createStaff(api: DemoApi, run: string, write: (line: string) => void): Promise<DemoContext['staff']> {
  const create = async (role: 'agent' | 'manager', name: string): Promise<string | null> => {
    const answer = await api.post('/api/v1/agents', { name, email: `${role}.${run}@demo.kept.local`, role, password: randomBytes(12).toString('hex') });
    const id = (answer.body as { id?: unknown } | undefined)?.id;
    if (answer.status === 201 && typeof id === 'string') return id;
    write(`  (could not create the demo ${role}: ${answer.status})`);
    return null;
  };
  return { agent: await create('agent', 'Demo Agent'), manager: await create('manager', 'Demo Manager') };
}

/** Runs the demo; exit code 0 when every story played to its end, 1 when one stopped, 2 on wrong usage. */
export async function runDemoCommand(deps: DemoCommandDeps): Promise<number> {
  const write = deps.write ?? ((text: string) => void process.stdout.write(text));
  const line = (text: string) => write(`${text}\n`);
  let only: string[] | undefined;
  try {
    const { values } = parseArgs({ args: deps.argv, options: { only: { type: 'string' } } });
    only = values.only?.split(',').map((c) => c.trim().toUpperCase());
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`);
    return 2;
  }
  const baseUrl = deps.url ?? 'http://localhost:3000';
  const api = createDemoApi({ baseUrl, token: deps.token });
  try {
    await api.get('/api/v1/health');
  } catch {
    process.stderr.write(`Kept does not answer at ${baseUrl}. Start it (KEPT_CLOCK=manual kept start) or set KEPT_URL.\n`);
    return 1;
  }
  const me = await api.get('/api/v1/me');
  if (me.status === 401) {
    process.stderr.write(`Kept at ${baseUrl} refused the token: set KEPT_ADMIN_TOKEN to its admin token.\n`);
    return 1;
  }
  const clock = await api.get('/api/v1/clock');
  const manualClock = (clock.body as { mode?: unknown } | undefined)?.mode === 'manual';
  const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  line(`Kept demo at ${baseUrl} — ${manualClock ? 'manual clock: the demo moves time to show timers firing' : 'real clock: the demo says when timers will fire'}.`);
  const staff = await createStaff(api, run, line);
  const ctx = createDemoContext({ api, run, manualClock, staff, write: line });

  const stories = demoStories.filter((s) => !only || only.includes(s.crack));
  const stopped: string[] = [];
  for (const story of stories) {
    line('');
    line(`${story.crack} · ${story.title}`);
    line(`  Before Kept: ${story.before}`);
    ctx.crack = story.crack;
    try {
      await story.play(ctx);
    } catch (error) {
      stopped.push(story.crack);
      line(`  ✗ The story stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  line('');
  const closed = ctx.verdicts.filter((v) => v.closed).map((v) => v.crack);
  const open = ctx.verdicts.filter((v) => !v.closed).map((v) => v.crack);
  line(
    stopped.length
      ? `Played ${stories.length - stopped.length} of ${stories.length} stories; stopped: ${stopped.join(', ')}.`
      : `Played ${stories.length} stories. Open the console to see each customer's timeline.`,
  );
  line(`Closed on this instance: ${closed.length ? closed.join(', ') : 'none'}${open.length ? `; still open: ${open.join(', ')}` : ''}.`);
  return stopped.length ? 1 : 0;
}

// Entry point of `kept start`: load config, build the app, listen; SIGTERM finishes in-flight requests and
// closes HTTP, SMTP and the store cleanly, within KEPT_SHUTDOWN_SECONDS or the process exits anyway.
import { createServer } from 'node:net';
import { loadConfig } from './config/config.js';
import { buildApp, type Kept } from './app.js';

/** A port another process holds: one line that names it and the variable that moves it, and exit code 1. */
class BusyPortError extends Error {}

function checkPortFree(options: { port: number; host: string; variable: string }): Promise<void> {
  if (options.port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'EADDRINUSE' ? 'is in use by another process' : error.code === 'EACCES' ? 'may not be opened by this user' : `cannot be opened (${error.code ?? error.message})`;
      reject(new BusyPortError(`Kept cannot start: port ${options.port} on ${options.host} ${why}; set ${options.variable} to another port.`));
    });
    probe.listen({ port: options.port, host: options.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** Printed once, at the first start: the token and the link are stored hashed and cannot be shown again. */
async function printFirstStart(kept: Kept, adminEmail: string): Promise<void> {
  const admin = await kept.services.agents.ensureFirstAdmin({ email: adminEmail });
  const lines: string[] = [];
  if (kept.createdAdminToken) lines.push('Kept created an admin token for the API. Keep it safe; it will not be shown again:', '', `  ${kept.createdAdminToken}`, '');
  if (admin) lines.push(`Kept created the first admin, ${admin.email}. Open this one-time link to set its password, then log in to the console:`, '', `  ${admin.link}`, '');
  if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
}

/** Runs the server; returns -1 while it runs, or the exit code when it cannot start. */
export async function startKept(): Promise<number> {
  const config = loadConfig();
  const { KEPT_PORT, KEPT_SMTP_PORT, KEPT_HOST } = config.env;
  try {
    // Before the store opens, so a busy port neither writes nor prints the first start's one-time secrets.
    await checkPortFree({ port: KEPT_PORT, host: KEPT_HOST, variable: 'KEPT_PORT' });
    await checkPortFree({ port: KEPT_SMTP_PORT, host: KEPT_HOST, variable: 'KEPT_SMTP_PORT' });
  } catch (error) {
    if (!(error instanceof BusyPortError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const kept = await buildApp({ config });
  const deadlineMs = config.env.KEPT_SHUTDOWN_SECONDS * 1000;
  let closing = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (closing) return;
    closing = true;
    kept.logger.info({ signal: reason }, 'shutting down');
    // A close that hangs (a stuck connection, a store that cannot write) must not keep the process alive.
    const deadline = setTimeout(() => {
      kept.logger.error({ deadline_seconds: config.env.KEPT_SHUTDOWN_SECONDS }, 'shutdown did not finish in time; exiting anyway');
      kept.flushLogs();
      process.exit(1);
    }, deadlineMs);
    try {
      await kept.close();
      clearTimeout(deadline);
      process.exit(exitCode);
    } catch (error) {
      kept.logger.error({ err: error }, 'shutdown failed');
      kept.flushLogs();
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGINT', () => void shutdown('SIGINT', 0));
  try {
    await kept.app.listen({ port: KEPT_PORT, host: KEPT_HOST });
    const { smtpPort } = await kept.channels.start({ smtpPort: KEPT_SMTP_PORT, smtpHost: KEPT_HOST });
    kept.logger.info({ port: KEPT_PORT, smtp_port: smtpPort, store: kept.store.dialect, clock: kept.clock.mode, config: config.configPath }, 'Kept is running');
  } catch (error) {
    // Taken between the check and the listen: the same one line, then a clean close.
    const code = (error as NodeJS.ErrnoException).code;
    const port = (error as { port?: number }).port;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `Kept cannot start: port ${port ?? ''} is in use by another process; set ${port === KEPT_SMTP_PORT ? 'KEPT_SMTP_PORT' : 'KEPT_PORT'} to another port.\n`
        : `Kept cannot start: ${(error as Error).message}\n`,
    );
    await shutdown('start failed', 1);
    return 1;
  }
  await printFirstStart(kept, config.env.KEPT_ADMIN_EMAIL);
  return -1;
}

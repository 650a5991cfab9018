// Entry point of `kept start`: load config, build the app, listen; SIGTERM finishes in-flight requests and
// closes HTTP, SMTP and the store cleanly.
import { loadConfig } from './config/config.js';
import { buildApp } from './app.js';

export async function startKept(): Promise<void> {
  const config = loadConfig();
  const kept = await buildApp({ config });
  if (kept.createdAdminToken) {
    // Printed once, at the first start without KEPT_ADMIN_TOKEN: it is stored hashed and cannot be shown again.
    process.stdout.write(`\nKept created an admin token. Keep it safe; it will not be shown again:\n\n  ${kept.createdAdminToken}\n\n`);
  }
  await kept.app.listen({ port: config.env.KEPT_PORT, host: config.env.KEPT_HOST });
  const { smtpPort } = await kept.channels.start({ smtpPort: config.env.KEPT_SMTP_PORT, smtpHost: config.env.KEPT_HOST });
  kept.logger.info({ port: config.env.KEPT_PORT, smtp_port: smtpPort, store: kept.store.dialect, clock: kept.clock.mode, config: config.configPath }, 'Kept is running');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    kept.logger.info({ signal }, 'shutting down');
    try {
      await kept.close();
      process.exit(0);
    } catch (error) {
      kept.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

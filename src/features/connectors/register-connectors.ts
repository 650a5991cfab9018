// The one call app.ts makes: builds the three platform connectors and the declared ones from the config,
// the service, the routes, and resumes deliveries a stopped process left unmapped.
import type { Logger } from 'pino';
import type { Config } from '../../config/config.js';
import { readSecretEnv } from '../../config/env.js';
import type { Db } from '../../db/create-db.js';
import type { App } from '../../http/route-types.js';
import type { Clock } from '../../shared/clock.js';
import { resolveCommsConfig } from '../comms/comms-config.js';
import type { IngestService } from '../events/ingest.service.js';
import type { Connector } from './connector.js';
import { registerConnectorRoutes } from './connector.routes.js';
import { createConnectorService, type ConnectorService } from './connector.service.js';
import { createDeclaredConnector } from './declared-connector.js';
import { createShopifyConnector } from './shopify.js';
import { createStripeConnector } from './stripe.js';
import { createWooCommerceConnector } from './woocommerce.js';

export const builtInSecretEnv = { shopify: 'KEPT_SHOPIFY_WEBHOOK_SECRET', woocommerce: 'KEPT_WOOCOMMERCE_WEBHOOK_SECRET', stripe: 'KEPT_STRIPE_WEBHOOK_SECRET' } as const;

export function buildConnectors(options: { config: Config; readSecret: (name: string) => string | undefined }): Connector[] {
  const { config, readSecret } = options;
  return [
    createShopifyConnector({ secret: config.env.KEPT_SHOPIFY_WEBHOOK_SECRET, secretEnv: builtInSecretEnv.shopify }),
    createWooCommerceConnector({ secret: config.env.KEPT_WOOCOMMERCE_WEBHOOK_SECRET, secretEnv: builtInSecretEnv.woocommerce }),
    createStripeConnector({ secret: config.env.KEPT_STRIPE_WEBHOOK_SECRET, secretEnv: builtInSecretEnv.stripe }),
    ...Object.entries(config.file.connectors ?? {}).map(([name, declared]) => createDeclaredConnector({ name, config: declared, secret: readSecret(declared.secret_env) })),
  ];
}

export async function registerConnectors(options: {
  app: App;
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  ingest: IngestService;
  readSecret?: (name: string) => string | undefined;
}): Promise<ConnectorService> {
  const { app, config } = options;
  const connectors = buildConnectors({ config, readSecret: options.readSecret ?? ((name) => readSecretEnv(name)) });
  const service = createConnectorService({
    db: options.db,
    clock: options.clock,
    logger: options.logger.child({ feature: 'connectors' }),
    connectors,
    ingest: options.ingest,
    publicUrl: config.file.kept.public_url,
    reasonCodes: new Set(resolveCommsConfig(config.file).reasons.map((reason) => reason.code)),
  });
  await registerConnectorRoutes(app, { connectors: service });
  service.startSweep();
  // Listed before the app answers, so `idle()` right after start waits for them too.
  await service.resumeUnfinished().catch((error: unknown) => options.logger.error({ err: error }, 'unmapped connector deliveries not resumed'));
  return service;
}

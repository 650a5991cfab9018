// Shop connectors' part of /api/v1/health: each connector's last delivery and its failures, so a monitor sees
// a shop that stopped sending (or whose deliveries fail) before customers miss their notices.
import type { HealthContributor } from '../../shared/health.js';
import type { ConnectorService } from './connector.service.js';

export function createConnectorHealth(deps: { connectors: Pick<ConnectorService, 'listConnectors'> }): HealthContributor {
  return async () => {
    const connectors = await deps.connectors.listConnectors();
    const failing = connectors.some((connector) => connector.last_status === 'failed');
    return {
      status: failing ? 'degraded' : 'ok',
      ...Object.fromEntries(
        connectors.map((connector) => [
          connector.name,
          { configured: connector.configured, deliveries: connector.deliveries, failures: connector.failures, last_delivery_at: connector.last_delivery_at, last_status: connector.last_status },
        ]),
      ),
    };
  };
}

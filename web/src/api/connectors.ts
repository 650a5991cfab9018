// Shop connectors (docs/connectors.md): each webhook's endpoint, its last deliveries, and replaying one.
import { query, request } from './http';

export type DeliveryStatus = 'received' | 'processing' | 'ingested' | 'ignored' | 'failed';

/** `GET /api/v1/connectors` — one entry per connector. */
export interface ConnectorSummary {
  name: string;
  kind: 'shopify' | 'woocommerce' | 'stripe' | 'declared';
  endpoint_url: string;
  configured: boolean;
  secret_env: string;
  deliveries: number;
  failures: number;
  last_delivery_at: string | null;
  last_status: DeliveryStatus | null;
}

export interface ConnectorDelivery {
  id: string;
  connector: string;
  delivery_id: string;
  topic: string | null;
  status: DeliveryStatus;
  error: string | null;
  waiting_on: string | null;
  event_ids: string[];
  attempts: number;
  received_at: string;
  processed_at: string | null;
}

export async function listConnectors(): Promise<ConnectorSummary[]> {
  return (await request<{ connectors: ConnectorSummary[] }>('/connectors')).connectors;
}

export async function listConnectorDeliveries(filter: { connector?: string; status?: DeliveryStatus }): Promise<ConnectorDelivery[]> {
  return (await request<{ deliveries: ConnectorDelivery[] }>(`/connectors/deliveries${query({ ...filter, limit: '50' })}`)).deliveries;
}

/** `POST /api/v1/connectors/deliveries/{id}/replay` (admin) — maps it again with the mapping in force now. */
export function replayConnectorDelivery(id: string): Promise<ConnectorDelivery> {
  return request<ConnectorDelivery>(`/connectors/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
}

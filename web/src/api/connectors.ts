// Shop connectors (docs/connectors.md): each webhook's endpoint, its last deliveries, and replaying one.
import { query, request } from './http';
import type { Answer } from './types';

/** `GET /api/v1/connectors` — one entry per connector, as the API document types it. */
export type ConnectorSummary = Answer<'listConnectors'>['connectors'][number];
export type ConnectorDelivery = Answer<'listConnectorDeliveries'>['deliveries'][number];
export type DeliveryStatus = ConnectorDelivery['status'];

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

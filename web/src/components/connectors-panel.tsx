// The shop connectors on the settings page: the URL to paste into each platform, the last delivery and the
// failures; the deliveries that could not be mapped, with their error, and (for admins) a replay.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { replayConnectorDelivery, type ConnectorSummary, type DeliveryStatus } from '../api/connectors';
import { connectorDeliveriesQuery, connectorsQuery, queryKeys } from '../api/queries';
import { useAgent } from '../auth/session';
import { ErrorNote, Loading } from './query-state';

const PLATFORM: Record<ConnectorSummary['kind'], string> = { shopify: 'Shopify', woocommerce: 'WooCommerce', stripe: 'Stripe', declared: 'Declared in kept.config.yaml' };

export function ConnectorsPanel() {
  const connectors = useQuery(connectorsQuery());
  return (
    <section aria-labelledby="connectors-title">
      <h2 id="connectors-title">Shop connectors</h2>
      <p className="muted">Paste each endpoint into the platform’s webhook settings, with the secret held in the variable named.</p>
      {connectors.isPending && <Loading what="connectors" />}
      {connectors.isError && <ErrorNote error={connectors.error} />}
      {connectors.data && (
        <table className="connectors">
          <thead>
            <tr>
              <th scope="col">Connector</th>
              <th scope="col">Endpoint URL</th>
              <th scope="col">Secret</th>
              <th scope="col">Last delivery</th>
              <th scope="col">Deliveries</th>
              <th scope="col">Failures</th>
            </tr>
          </thead>
          <tbody>
            {connectors.data.map((c) => (
              <tr key={c.name}>
                <th scope="row">
                  {c.name} <span className="muted">{PLATFORM[c.kind]}</span>
                </th>
                <td>
                  <code>{c.endpoint_url}</code>
                </td>
                <td>{c.configured ? <code>{c.secret_env}</code> : <span role="status">not set: {c.secret_env}</span>}</td>
                <td>{c.last_delivery_at ? `${new Date(c.last_delivery_at).toLocaleString()} (${c.last_status ?? ''})` : 'none yet'}</td>
                <td>{c.deliveries}</td>
                <td className={c.failures > 0 ? 'warn' : undefined}>{c.failures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConnectorDeliveries />
    </section>
  );
}

function ConnectorDeliveries() {
  const client = useQueryClient();
  const isAdmin = useAgent().role === 'admin';
  const [status, setStatus] = useState<DeliveryStatus | ''>('failed');
  const deliveries = useQuery(connectorDeliveriesQuery(status));
  const replay = useMutation({
    mutationFn: replayConnectorDelivery,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.connectorDeliveries });
      void client.invalidateQueries({ queryKey: queryKeys.connectors });
    },
  });
  return (
    <div className="connector-deliveries">
      <h3>Connector deliveries</h3>
      <label htmlFor="delivery-status">Show</label>{' '}
      <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}>
        <option value="failed">failed</option>
        <option value="">all</option>
        <option value="ingested">ingested</option>
        <option value="ignored">ignored</option>
      </select>
      {replay.isError && <ErrorNote error={replay.error} />}
      {deliveries.isPending && <Loading what="deliveries" />}
      {deliveries.isError && <ErrorNote error={deliveries.error} />}
      {deliveries.data && deliveries.data.length === 0 && <p className="ok">No {status || ''} deliveries.</p>}
      {deliveries.data && deliveries.data.length > 0 && (
        <ul className="deliveries">
          {deliveries.data.map((d) => (
            <li key={d.id}>
              <strong>{d.connector}</strong> <code>{d.topic ?? '(no topic)'}</code> {d.delivery_id} · {new Date(d.received_at).toLocaleString()} ·{' '}
              <span className={d.status === 'failed' ? 'warn' : undefined}>{d.status}</span>
              {d.attempts > 1 && <span className="muted"> · mapped {d.attempts} times</span>}
              {d.error && <p className="delivery-error">{d.error}</p>}
              {isAdmin && d.status !== 'processing' && (
                <button type="button" disabled={replay.isPending} onClick={() => replay.mutate(d.id)}>
                  Replay
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

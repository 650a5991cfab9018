// Customers: look up by identity, read one, its timeline, merge two.
import { z } from 'zod';
import type { App } from '../../http/route-types.js';
import { principalOf } from '../../http/auth.js';
import type { Clock } from '../../shared/clock.js';
import type { CustomerService } from './customer.service.js';
import type { TimelineService } from './timeline.service.js';
import type { OrderService } from '../orders/order.service.js';

const idParams = z.object({ id: z.string().min(1) });

export function registerCustomerRoutes(app: App, deps: { customers: CustomerService; timeline: TimelineService; orders: OrderService; clock: Clock }): void {
  app.get(
    '/api/v1/customers',
    { schema: { tags: ['customers'], querystring: z.object({ email: z.string().optional(), phone: z.string().optional(), handle: z.string().optional().meta({ description: 'network:id, e.g. twitter:@ana, or a bare @ana to search every network' }) }) } },
    async (request) => ({ items: await deps.customers.findCustomers(request.query) }),
  );
  app.get('/api/v1/customers/:id', { schema: { tags: ['customers'], params: idParams } }, async (request) => {
    const customer = await deps.customers.getCustomer(request.params.id);
    const orders = await deps.orders.listOrdersOfCustomer(customer.id);
    const spend = orders.reduce<Record<string, number>>((totals, order) => {
      if (order.total) totals[order.total.currency] = (totals[order.total.currency] ?? 0) + order.total.amount_minor;
      return totals;
    }, {});
    return { ...customer, orders, value: { order_count: orders.length, spend_minor: spend } };
  });
  app.get('/api/v1/customers/:id/timeline', { schema: { tags: ['customers'], params: idParams } }, async (request) => deps.timeline.getTimeline(request.params.id));
  app.post(
    '/api/v1/customers/:id/merge',
    { schema: { tags: ['customers'], params: idParams, body: z.object({ other_id: z.string().min(1) }) } },
    async (request) => deps.customers.mergeCustomers({ survivorId: request.params.id, otherId: request.body.other_id, by: principalOf(request).agentId ?? 'admin', at: deps.clock.now() }),
  );
  app.get('/api/v1/orders/:number', { schema: { tags: ['orders'], params: z.object({ number: z.string().min(1) }) } }, async (request) => deps.orders.getOrder(request.params.number));
}

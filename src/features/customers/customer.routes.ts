// Customers: look up by identity, read one, its timeline, merge two.
import { z } from 'zod';
import { declareResponses, itemsOf } from '../../http/responses.js';
import type { App } from '../../http/route-types.js';
import { orderViewSchema } from '../orders/order.schemas.js';
import { customerDetailSchema, customerViewSchema, timelineSchema } from './customer.schemas.js';
import { principalOf } from '../../http/auth.js';
import type { Clock } from '../../shared/clock.js';
import type { CustomerService } from './customer.service.js';
import type { TimelineService } from './timeline.service.js';
import type { OrderService } from '../orders/order.service.js';

const idParams = z.object({ id: z.string().min(1) });

export function registerCustomerRoutes(app: App, deps: { customers: CustomerService; timeline: TimelineService; orders: OrderService; clock: Clock }): void {
  app.get(
    '/api/v1/customers',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'findCustomers',
        summary: 'Find customers by email, phone or social handle',
        tags: ['customers'],
        response: declareResponses({ 200: itemsOf(customerViewSchema) }),
        querystring: z.object({
          email: z.string().optional(),
          phone: z.string().optional(),
          handle: z.string().optional().meta({ description: 'network:id, e.g. twitter:@ana, or a bare @ana to search every network' }),
        }),
      },
    },
    async (request) => ({ items: await deps.customers.findCustomers(request.query) }),
  );
  app.get(
    '/api/v1/customers/:id',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getCustomer',
        summary: 'Read a customer with identities, orders and value',
        tags: ['customers'],
        params: idParams,
        response: declareResponses({ 200: customerDetailSchema }),
      },
    },
    async (request) => {
      const customer = await deps.customers.getCustomer(request.params.id);
      const orders = await deps.orders.listOrdersOfCustomer(customer.id);
      const spend = orders.reduce<Record<string, number>>((totals, order) => {
        if (order.total) totals[order.total.currency] = (totals[order.total.currency] ?? 0) + order.total.amount_minor;
        return totals;
      }, {});
      return { ...customer, orders, value: { order_count: orders.length, spend_minor: spend } };
    },
  );
  app.get(
    '/api/v1/customers/:id/timeline',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getCustomerTimeline',
        summary: "A customer's events, messages and commitments in time order",
        tags: ['customers'],
        params: idParams,
        response: declareResponses({ 200: timelineSchema }),
      },
    },
    async (request) => deps.timeline.getTimeline(request.params.id),
  );
  app.post(
    '/api/v1/customers/:id/merge',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'mergeCustomers',
        summary: 'Merge another customer into this one',
        tags: ['customers'],
        params: idParams,
        response: declareResponses({ 200: customerViewSchema }),
        body: z.object({ other_id: z.string().min(1) }),
      },
    },
    async (request) => deps.customers.mergeCustomers({ survivorId: request.params.id, otherId: request.body.other_id, by: principalOf(request).agentId ?? 'admin', at: deps.clock.now() }),
  );
  app.get(
    '/api/v1/orders/:number',
    {
      config: { auth: 'agent' },
      schema: {
        operationId: 'getOrder',
        summary: 'Read an order by its number',
        tags: ['orders'],
        response: declareResponses({ 200: orderViewSchema }),
        params: z.object({ number: z.string().min(1) }),
      },
    },
    async (request) => deps.orders.getOrder(request.params.number),
  );
}

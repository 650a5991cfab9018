// What other features may read of orders (the projection is written by ingest only).
export { findOrderByNumber, findOrderByStatusToken, listGiftOrders, listOrderStates, listOrdersByNumbers, listOrdersOfCustomer } from './order.repo.js';
export type { OrderRecord } from './order.repo.js';

// One log line per request: Fastify's default writes two (incoming, then completed), each serialising the
// request or the reply. Here the incoming line is at debug level and the completed line carries what an
// access log needs — method, route, status and time — at info, or at error level when the reply failed.
// The route is the pattern (`/status/:token`), never the URL: customer pages carry their secret in the path and
// the live stream its bearer token in the query string, and a log is read by more people than a token should be.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** The matched route's pattern; a request no route matched is logged without its path. */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? '(no route)';
}

export class RequestLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ method: request.method, route: routeOf(request) }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const fields = { method: request.method, route: routeOf(request), statusCode: reply.statusCode, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...fields, err: error }, 'request errored');
    else reply.log.info(fields, 'request completed');
  }
}

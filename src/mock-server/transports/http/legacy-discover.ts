import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { type DiscoverRefusal, REFUSAL_ERROR } from '../../../model/discover-refusal.js';
import type { Journal } from '../../../trace/journal.js';
import { DISCOVER_METHOD, errorResponse } from '../../modern/protocol.js';
import { isRequest } from '../../wire-transport.js';
import { header, reject } from './http-common.js';

/**
 * A 2025-only Streamable HTTP endpoint told how to refuse a sessionless `server/discover` answers it that way and
 * returns true; false leaves the POST to the endpoint (which refuses it for want of a session). A JSON-RPC error goes
 * in a 200, as a sessionless 2025 server answers a method it does not know; `bare-400` has a plain-text body.
 */
export function refuseDiscover(
  req: IncomingMessage,
  res: ServerResponse,
  journal: Journal,
  request: { how: DiscoverRefusal | undefined; messages: readonly JSONRPCMessage[] },
): boolean {
  const probe = request.messages.find((message) => isRequest(message) && message.method === DISCOVER_METHOD);
  if (!request.how || !probe || !isRequest(probe) || header(req, 'mcp-session-id') !== undefined) return false;
  const error = REFUSAL_ERROR[request.how];
  if (!error) {
    reject(req, res, journal, { status: 400, reason: `Bad Request (no JSON-RPC body) for ${DISCOVER_METHOD}`, plain: 'Bad Request' });
    return true;
  }
  const body = errorResponse(probe.id, { ...error, status: 200 });
  reject(req, res, journal, { status: 200, reason: `${error.message}: ${DISCOVER_METHOD}`, code: error.code, body });
  return true;
}

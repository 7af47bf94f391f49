// Reads an SSE body raw, event by event, for the probes that journal what a stream carried below any client library.

/** One SSE event: its `id:` (absent: none) and its `data:` lines joined (empty for a priming event). */
export interface SseEvent {
  id?: string;
  data: string;
}

/** One SSE event's `id:` and `data:` (joined), or undefined for a comment or an event without data. */
export function parseEvent(block: string): SseEvent | undefined {
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { ...(id === undefined ? {} : { id }), data: data.join('\n') } : undefined;
}

/**
 * Reads `body` to its end (or until it fails: dropped, or ended with the cell), calling `onEvent` for each event; an
 * abort of `signal` cancels the read.
 */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
        if (event) onEvent(event);
      }
    }
  } catch {
    // Dropped by the harness or ended with the cell: what was read has been passed on.
  } finally {
    signal?.removeEventListener('abort', cancel);
  }
}

/** What an event's data says as JSON-RPC (nothing for a priming event or data that is not JSON). */
export interface RpcFacts {
  method?: string;
  id?: string | number;
  response: boolean;
}

export function rpcFacts(data: string): RpcFacts | undefined {
  let frame: { method?: unknown; id?: unknown; result?: unknown; error?: unknown } | null;
  try {
    frame = JSON.parse(data) as typeof frame;
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const id = typeof frame.id === 'string' || typeof frame.id === 'number' ? frame.id : undefined;
  // An answer may carry `id: null` (an error to a request the server could not read): still an answer.
  const response = frame.method === undefined && frame.id !== undefined && ('result' in frame || 'error' in frame);
  return { ...(typeof frame.method === 'string' ? { method: frame.method } : {}), ...(id === undefined ? {} : { id }), response };
}

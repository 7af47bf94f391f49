/** The requests linked to each long-lived signal, and the one listener that aborts them all. */
const links = new WeakMap<AbortSignal, { requests: Set<AbortController>; onAbort: () => void }>();

/** A request's own signal, aborted with the signal it was linked to, until `release()`. */
export interface LinkedSignal {
  signal: AbortSignal;
  release: () => void;
}

/**
 * Links a signal of a request's own to `outer` (the SDK's one signal per connection). However many requests share
 * `outer`, it carries one `abort` listener, removed when the last linked request is released or when it fires (the
 * connection closing): a connection that re-opens its stream a thousand times still holds one.
 */
export function linkSignal(outer: AbortSignal): LinkedSignal {
  const own = new AbortController();
  if (outer.aborted) {
    own.abort(outer.reason);
    return { signal: own.signal, release: () => undefined };
  }
  let link = links.get(outer);
  if (!link) {
    const requests = new Set<AbortController>();
    const onAbort = () => {
      links.delete(outer);
      for (const request of requests) request.abort(outer.reason);
      requests.clear();
    };
    outer.addEventListener('abort', onAbort, { once: true });
    link = { requests, onAbort };
    links.set(outer, link);
  }
  const { requests, onAbort } = link;
  requests.add(own);
  return {
    signal: own.signal,
    release: () => {
      if (!requests.delete(own) || requests.size > 0) return;
      outer.removeEventListener('abort', onAbort);
      links.delete(outer);
    },
  };
}

/**
 * The response with a body that calls `release` once it ends, fails or is cancelled: an event stream stays linked for
 * exactly as long as it is open. Only status, status text and headers are kept (what an event-stream reader uses).
 */
export function releasedAtEnd(response: Response, release: () => void): Response {
  const body = response.body;
  if (!body) {
    release();
    return response;
  }
  const reader: ReadableStreamDefaultReader<Uint8Array> = body.getReader();
  const tracked = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        release();
        controller.close();
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    async cancel(reason) {
      release();
      await reader.cancel(reason);
    },
  });
  return new Response(tracked, { status: response.status, statusText: response.statusText, headers: response.headers });
}

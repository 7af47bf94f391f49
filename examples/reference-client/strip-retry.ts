// A fetch whose SSE streams lose their `retry:` fields: the client's SSE reader never learns how long the server asked
// it to wait, as in clients whose SSE parser drops the field.

/** Removes `retry:` lines from a text stream of SSE events (a line may arrive split across chunks). */
function withoutRetryLines(): TransformStream<string, string> {
  let carry = '';
  const keep = (line: string) => !line.startsWith('retry:');
  return new TransformStream({
    transform(chunk, controller) {
      const text = carry + chunk;
      const end = text.lastIndexOf('\n') + 1;
      carry = text.slice(end);
      controller.enqueue(text.slice(0, end).split('\n').filter(keep).join('\n'));
    },
    flush(controller) {
      if (carry && keep(carry)) controller.enqueue(carry);
    },
  });
}

/** fetch, with every `text/event-stream` response's `retry:` fields removed. */
export async function fetchWithoutRetry(url: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (!response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) return response;
  const text = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(withoutRetryLines());
  const body = text.pipeThrough(new TextEncoderStream());
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

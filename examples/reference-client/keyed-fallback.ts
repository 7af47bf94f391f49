// A 2026-07-28 client whose fallback to initialize is keyed to error codes, as hand-rolled clients that probe for
// themselves write it: it sends server/discover on its own, falls back only when the answer is a JSON-RPC error with
// one of the codes it expects, and gives up on any other refusal (another code, a 400 without such a body).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Client, Transport } from '@modelcontextprotocol/client';
import type { Endpoint } from './connect.js';

export const MODERN_VERSION = '2026-07-28';
/** How long a stdio server gets to answer the probe. */
const PROBE_TIMEOUT_MS = 5_000;

type Mode = 'legacy' | { pin: string };
/** What server/discover got: a result, a JSON-RPC error's code, or nothing a client can read as either. */
type Answer = { result: unknown } | { code: number } | undefined;

const DISCOVER = JSON.stringify({
  jsonrpc: '2.0',
  id: 'keyed-probe',
  method: 'server/discover',
  params: {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
      'io.modelcontextprotocol/clientCapabilities': {},
      'io.modelcontextprotocol/clientInfo': { name: 'mcp-notify-check-reference', version: '1.0.0' },
    },
  },
});

/** Reads a JSON-RPC answer from a body or line: plain JSON, or the data of an SSE event. */
function answerOf(text: string): Answer {
  const json = text.trimStart().startsWith('{') ? text : text.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('');
  try {
    const message = JSON.parse(json) as { result?: unknown; error?: { code?: unknown } };
    if (typeof message.error?.code === 'number') return { code: message.error.code };
    return message.result === undefined ? undefined : { result: message.result };
  } catch {
    return undefined;
  }
}

async function probeHttp(url: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept': 'application/json, text/event-stream',
      'mcp-protocol-version': MODERN_VERSION,
      'mcp-method': 'server/discover',
    },
    body: DISCOVER,
  });
  return answerOf(await response.text());
}

/** Probes a throwaway server process of its own, as the SDK does, so the session's process meets no unknown request. */
async function probeStdio(command: readonly string[]): Promise<Answer> {
  const [program = '', ...args] = command;
  const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout });
  const timer = setTimeout(() => lines.close(), PROBE_TIMEOUT_MS);
  child.stdin.on('error', () => undefined); // a server that exits at once is answered by the timeout
  child.stdin.write(`${DISCOVER}\n`);
  let answer: Answer;
  for await (const line of lines) {
    answer = answerOf(line);
    break;
  }
  clearTimeout(timer);
  child.kill();
  return answer;
}

/** Connects in 2026-07-28 when the probe says the server speaks it, else falls back only on a refusal with one of `codes`. */
export async function connectKeyed(
  endpoint: Endpoint,
  connection: { make: (mode: Mode) => Client; transport: () => Transport; codes: readonly number[] },
): Promise<Client> {
  const answer = endpoint.transport === 'stdio' ? await probeStdio(endpoint.command ?? []) : await probeHttp(endpoint.url ?? '');
  const code = answer && 'code' in answer ? answer.code : undefined;
  if (answer && 'result' in answer) {
    const modern = connection.make({ pin: MODERN_VERSION });
    await modern.connect(connection.transport());
    return modern;
  }
  if (code === undefined || !connection.codes.includes(code)) {
    throw new Error(`server/discover was refused ${code === undefined ? 'without a JSON-RPC error' : `with ${code}`}, and this client ` +
      `falls back to initialize only on ${connection.codes.join(', ')}: ${MODERN_VERSION} is unavailable`);
  }
  const legacy = connection.make('legacy');
  await legacy.connect(connection.transport());
  return legacy;
}

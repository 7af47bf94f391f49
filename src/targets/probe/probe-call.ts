import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { errorMessage } from '../../errors.js';
import type { Journal } from '../../trace/journal.js';

/**
 * How long a probe waits for a tool call's answer. A target that never answers (a response lost on its stream) is then a
 * failed call the checks judge, well inside the cell's cap, instead of a cell that outlives it (a harness error).
 */
export const PROBE_CALL_TIMEOUT_MS = 10_000;

/** Calls a tool on a raw probe session (R, S) and journals how it went: the server's change as the probe asked for it. */
export async function journaledCall(
  probe: { client: Client | undefined; journal: Journal; label: string },
  name: string,
  args: Record<string, unknown>,
): Promise<{ ok: boolean; message?: string }> {
  if (!probe.client) return { ok: false, message: 'not connected' };
  try {
    const result = await probe.client.callTool({ name, arguments: args }, undefined, { timeout: PROBE_CALL_TIMEOUT_MS });
    const ok = result.isError !== true;
    probe.journal.append({ kind: 'probe-call', tool: name, ok, probe: probe.label });
    return { ok };
  } catch (error) {
    const message = errorMessage(error);
    probe.journal.append({ kind: 'probe-call', tool: name, ok: false, message, probe: probe.label });
    return { ok: false, message };
  }
}

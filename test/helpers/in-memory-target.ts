import '../../src/dispose.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { HarnessError } from '../../src/errors.js';
import type { Journal } from '../../src/trace/journal.js';
import { clientReady } from '../../src/targets/client/client-target.js';
import { listAll, nameOf } from '../../src/targets/probe/list-all.js';
import { scenarioExcludes, type ExitInfo, type RunningTarget, type Target } from '../../src/targets/target.js';

export interface InMemoryBehaviour {
  /** Re-list tools when told they changed (default true); false is a client that never refreshes. */
  reacts?: boolean;
  /** Never connect: a target that starts but does not speak MCP. */
  silent?: boolean;
  /** Record each `[Symbol.asyncDispose]` call here (the runner's tests check disposal order). */
  onDispose?: () => void;
}

/** Lists tools and reports the view, as a client's view report would. */
async function refresh(client: Client, journal: Journal): Promise<void> {
  const names = (await listAll(client, 'tools')).map(nameOf);
  journal.append({ kind: 'target-view', list: 'tools', names });
}

/**
 * A client target that runs in the harness's own process over an in-memory binding (`endpoint.connect`): an SDK
 * client that lists on connect and, unless told otherwise, re-lists on every tools/list_changed. The runner's unit
 * tests play real scenarios against it in milliseconds.
 */
export function inMemoryTarget(behaviour: InMemoryBehaviour = {}): Target {
  const target: Target = {
    label: 'in-memory client',
    mode: 'client',
    endpoint: 'mock',
    facts: {},
    excludes: (scenario, transport, era) =>
      era === 'legacy' ? scenarioExcludes(target, scenario, transport, era) : 'the in-memory client speaks the legacy era only',
    prepare: (scenario) => ({ scenario }),
    start: async ({ endpoint, journal }): Promise<RunningTarget> => {
      if (!endpoint.connect) throw new HarnessError('NOT_IN_MEMORY', 'the in-memory target needs an in-memory binding');
      let exit: (info: ExitInfo) => void = () => undefined;
      let hasExited = false;
      const exited = new Promise<ExitInfo>((resolve) => {
        exit = (info) => {
          if (hasExited) return;
          hasExited = true;
          journal.append({ kind: 'target-exited', code: info.code, signal: info.signal, expected: true });
          resolve(info);
        };
      });
      journal.append({ kind: 'target-started', pid: process.pid, command: target.label });
      const client = new Client({ name: 'in-memory-client', version: '1.0.0' });
      if (behaviour.reacts ?? true) {
        const onChanged = () => void refresh(client, journal).catch(() => undefined);
        client.setNotificationHandler(ToolListChangedNotificationSchema, onChanged);
      }
      if (!behaviour.silent) {
        await client.connect(endpoint.connect());
        await refresh(client, journal);
      }
      return {
        exited,
        get hasExited() {
          return hasExited;
        },
        tail: () => '',
        ready: (timeoutMs, signal) => clientReady(journal, endpoint, timeoutMs, signal),
        finish: () => Promise.resolve(),
        [Symbol.asyncDispose]: async () => {
          behaviour.onDispose?.();
          await client.close();
          exit({ code: 0, signal: null });
        },
      };
    },
  };
  return target;
}

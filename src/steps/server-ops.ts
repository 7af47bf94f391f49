import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { ListKindSchema } from '../model/words.js';
import type { TraceEvent } from '../trace/events.js';
import type { Journal } from '../trace/journal.js';
import { defineOp, type StepContext } from './op.js';
import { ms } from './wait-ops.js';

function serverOf(ctx: StepContext, op: string) {
  const server = ctx.target?.server;
  if (!server) throw new HarnessError('NOT_SERVER', `the ${op} step needs a server under test`, 'run server scenarios with --server');
  return server;
}

/**
 * Server mode: changes the server, through probe A's call of --change-tool, or with --change-cmd outside any request;
 * `times` changes back to back make a storm.
 */
export const changeOp = defineOp({
  op: 'change',
  schema: z.object({
    op: z.literal('change'),
    via: z.enum(['tool', 'command']).default('tool'),
    times: z.number().int().min(1).max(1_000).default(1),
  }),
  run: (ctx, step) => serverOf(ctx, 'change').change(step.via, step.times),
  budget: 'target',
});

/** Server mode, 2026-07-28: probe A opens one more listen stream, asking only for `lists` (to see what else it is sent). */
export const openListenOp = defineOp({
  op: 'open-listen',
  schema: z.object({ op: z.literal('open-listen'), lists: z.array(ListKindSchema).min(1) }),
  run: (ctx, step) => serverOf(ctx, 'open-listen').listen(step.lists),
  budget: 'target',
});

/** Server mode, Streamable HTTP: stages the resumption of a dropped GET stream (see StepServer.resume). */
export const resumeOp = defineOp({
  op: 'resume',
  schema: z.object({ op: z.literal('resume') }),
  run: (ctx) => serverOf(ctx, 'resume').resume(ctx.signal),
  budget: 'target',
});

/**
 * Server mode, Streamable HTTP: session S, whose every SSE stream the harness reads, opens its GET stream and calls the
 * change tool, so the announcement is sent while two of its streams are open (see StepServer.streams).
 */
export const streamsOp = defineOp({
  op: 'streams',
  schema: z.object({ op: z.literal('streams') }),
  run: (ctx) => serverOf(ctx, 'streams').streams(ctx.signal),
  budget: 'target',
});

/** Server mode: stops the server the harness started (SIGTERM) while its sessions' streams are open (see StepServer.stop). */
export const stopServerOp = defineOp({
  op: 'stop-server',
  schema: z.object({ op: z.literal('stop-server') }),
  run: (ctx) => serverOf(ctx, 'stop-server').stop(),
  budget: 'target',
});

/** Whether any of a probe's lists listed from `fromSeq` on differs from its listing before the change. */
function listsChanged(journal: Journal, probe: string, requestedT: number, fromSeq: number): boolean {
  const lists = journal.ofKind('probe-list').filter((event) => (event.probe ?? '') === probe);
  return lists.some((after) => {
    if (after.seq < fromSeq) return false;
    const before = lists.filter((event) => event.list === after.list && event.requestedT < requestedT).at(-1);
    if (!before) return false;
    const had = new Set(before.names);
    return after.names.length !== had.size || after.names.some((name) => !had.has(name));
  });
}

/**
 * Server mode: waits (bounded) until every connected probe got a list_changed after the last change, and its list after
 * it came back. A session the server never tells makes it wait the whole bound: that is the finding, not a hang. Once
 * the session that made the change sees it, a session not yet told lists once: if its lists do not show the change
 * (per-session state), there is nothing to wait for.
 */
export const awaitAnnouncedOp = defineOp({
  op: 'await-announced',
  schema: z.object({ op: z.literal('await-announced'), timeoutMs: ms.default(2_000) }),
  run: async ({ journal, signal, target }, step) => {
    const change = journal.ofKind('server-change').at(-1);
    if (!change?.ok) return { detail: 'no change was made' };
    // A session with no way to be told unasked (no standalone GET stream) is not waited for: it cannot be told.
    const reachable = journal.ofKind('probe-connected').filter((event) => event.standalone !== false);
    const maker = change.probe;
    const probes = [...new Set(reachable.map((event) => event.probe ?? ''))].sort((a, b) => Number(b === maker) - Number(a === maker));
    const deadline = performance.now() + step.timeoutMs;
    const told: string[] = [];
    let makerSees = false;
    const isNote = (probe: string) => (event: TraceEvent) =>
      event.kind === 'probe-notification' && (event.probe ?? '') === probe && event.t >= change.requestedT;
    for (const probe of probes) {
      const wait = { timeoutMs: Math.max(0, deadline - performance.now()), signal };
      if (probe !== maker && makerSees && target?.server && !(await journal.waitFor(isNote(probe), { timeoutMs: 0 }))) {
        const from = journal.size;
        await target.server.relist(probe);
        if (!listsChanged(journal, probe, change.requestedT, from)) continue;
      }
      // A server may announce before it answers the call that made the change: count from when the change was asked for.
      const note = await journal.waitFor(isNote(probe), wait);
      if (!note) continue;
      told.push(probe || 'the probe');
      const listed = (event: TraceEvent) => (event.kind === 'probe-list' || event.kind === 'probe-error') && (event.probe ?? '') === probe;
      const list = await journal.waitFor(listed, { ...wait, fromSeq: note.seq });
      if (probe === maker && list) makerSees = listsChanged(journal, probe, change.requestedT, note.seq);
    }
    return { detail: `told: ${told.join(', ') || 'nobody'}` };
  },
  budget: 'target',
});

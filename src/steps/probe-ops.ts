import { z } from 'zod';
import { HarnessError } from '../errors.js';
import { defineOp, plusWindowSchema, type StepContext, windowExtra } from './op.js';
import { ms } from './wait-ops.js';
import type { Journal } from '../trace/journal.js';

function probeOf(ctx: StepContext, op: string) {
  const probe = ctx.target?.probe;
  if (!probe) throw new HarnessError('NOT_GATEWAY', `the ${op} step needs a downstream probe`, 'run gateway scenarios with --gateway');
  return probe;
}

/** Gateway mode: the probe (re)connects downstream and lists everything. */
export const probeConnectOp = defineOp({
  op: 'probe-connect',
  schema: z.object({ op: z.literal('probe-connect'), timeoutMs: ms.default(15_000) }),
  run: (ctx, step) => probeOf(ctx, 'probe-connect').connect(step.timeoutMs, ctx.signal),
  budget: 'target',
});

/** Gateway mode: the probe disconnects (no downstream session exists until probe-connect). */
export const probeDisconnectOp = defineOp({
  op: 'probe-disconnect',
  schema: z.object({ op: z.literal('probe-disconnect') }),
  run: async (ctx) => {
    await probeOf(ctx, 'probe-disconnect').disconnect('scenario step');
    return { detail: 'disconnected' };
  },
});

/** Gateway mode: the probe lists everything now. */
export const probeListOp = defineOp({
  op: 'probe-list',
  schema: z.object({ op: z.literal('probe-list') }),
  run: async (ctx) => {
    await probeOf(ctx, 'probe-list').listAll('step');
    return { detail: 'listed' };
  },
  budget: 'target',
});

/**
 * Gateway mode: the probe calls an upstream tool through the gateway, as a user does (a lazy gateway opens, or opens
 * again, its upstream session on a call). Journaled either way.
 */
export const probeCallOp = defineOp({
  op: 'probe-call',
  schema: z.object({ op: z.literal('probe-call') }),
  run: async (ctx) => {
    await probeOf(ctx, 'probe-call').callUpstreamTool();
    return { detail: 'called' };
  },
  budget: 'target',
});

/**
 * Gateway mode, `every`: waits (bounded) until every user that connected (the probe and --also-downstream's) has been
 * told and has re-listed, or failed to; a user never told holds the wait to its bound.
 */
async function everyUserTold(journal: Journal, wait: { timeoutMs: number; signal: AbortSignal }, fromSeq: number) {
  const users = new Set(journal.ofKind('probe-connected').map((event) => event.probe ?? ''));
  const told = new Set<string>();
  const done = new Set<string>();
  await journal.waitFor((event) => {
    if (event.kind === 'probe-notification') told.add(event.probe ?? '');
    const relisted = (event.kind === 'probe-list' && event.reason === 'notification') || event.kind === 'probe-error';
    if (relisted && told.has(event.probe ?? '')) done.add(event.probe ?? '');
    return [...users].every((user) => done.has(user));
  }, { ...wait, fromSeq });
  return { detail: `${told.size} of ${users.size} users told` };
}

/** Gateway mode: waits (bounded) for a downstream list_changed after the last upstream one reached the gateway. */
export const awaitDownstreamOp = defineOp({
  op: 'await-downstream',
  schema: z.object({
    op: z.literal('await-downstream'),
    timeoutMs: ms.default(3_000),
    plusWindow: plusWindowSchema,
    /** Wait for every user (the probe and --also-downstream's), not the first one told. */
    every: z.boolean().default(false),
  }),
  run: async (ctx, step) => {
    const { journal, signal } = ctx;
    const upstream = journal.ofKind('notification').filter((event) => event.delivered).at(-1);
    if (!upstream) return { detail: 'nothing reached the gateway' };
    const wait = { timeoutMs: step.timeoutMs + windowExtra(ctx, step), signal };
    if (step.every) return everyUserTold(journal, wait, upstream.seq);
    const relayed = await journal.waitFor((event) => event.kind === 'probe-notification', { ...wait, fromSeq: upstream.seq });
    if (!relayed) return { detail: 'no downstream notification' };
    // Give the probe's own re-list (started on that notification) time to come back.
    await journal.waitFor((event) => event.kind === 'probe-list' || event.kind === 'probe-error', { ...wait, fromSeq: relayed.seq });
    return { detail: 'relayed' };
  },
  budget: 'target',
});

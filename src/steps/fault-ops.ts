import { transportOf } from '../model/transports.js';
import { z } from 'zod';
import { CHANGED_METHOD, ListKindSchema } from '../model/words.js';
import { defineOp } from './op.js';
import { MAX_INTERVAL_MS } from './notify-ops.js';

const sessions = z.array(z.string()).optional();
const some = (step: { sessions?: string[] | undefined }) => step.sessions;

/** Holds answers to `method` (the next `count`, or all) until released: the barrier races are staged with. */
export const holdOp = defineOp({
  op: 'hold',
  sync: true,
  schema: z.object({
    op: z.literal('hold'),
    method: z.string().min(1).default('tools/list'),
    count: z.number().int().min(1).optional(),
    /** Gateway mode: hold only the gateway's own requests; its users' lists passed through (the probe's marker) go by. */
    ownOnly: z.boolean().default(false),
  }),
  run: ({ mock }, step) => {
    mock.hold(step.method, step.count, step.ownOnly);
    return { reply: { holding: step.method } };
  },
});

/** Releases held answers (to `method`, or all). */
export const releaseOp = defineOp({
  op: 'release',
  sync: true,
  schema: z.object({ op: z.literal('release'), method: z.string().min(1).optional() }),
  run: ({ mock }, step) => {
    const released = mock.release(step.method);
    return { detail: `${released} released`, reply: { released } };
  },
});

/** Delays every answer to `method` by `ms` (0 removes the delay). */
export const delayOp = defineOp({
  op: 'delay',
  sync: true,
  schema: z.object({ op: z.literal('delay'), method: z.string().min(1), ms: z.number().min(0).max(MAX_INTERVAL_MS) }),
  run: ({ mock }, step) => {
    mock.holds.delay(step.method, step.ms);
    return { reply: { method: step.method, ms: step.ms } };
  },
});

/** Answers every request to `method` with an internal error (`on`), or normally again: a failing server. */
export const failAnswersOp = defineOp({
  op: 'fail-answers',
  sync: true,
  schema: z.object({ op: z.literal('fail-answers'), method: z.string().min(1).default('tools/list'), on: z.boolean().default(true) }),
  run: ({ mock, journal }, step) => {
    mock.holds.fail(step.method, step.on);
    journal.append({ kind: 'fault', fault: 'fail-answers', detail: `${step.method} ${step.on ? 'failing' : 'answered again'}` });
    return { detail: `${step.method} ${step.on ? 'failing' : 'answered'}`, reply: { method: step.method, failing: step.on } };
  },
});

/** Drops, or sends twice, the next `count` notifications (of one list's list_changed, or any). */
export const faultOp = defineOp({
  op: 'fault',
  sync: true,
  schema: z.object({
    op: z.literal('fault'),
    fault: z.enum(['drop', 'duplicate']),
    count: z.number().int().min(1).default(1),
    list: ListKindSchema.optional(),
  }),
  run: ({ mock }, step) => {
    const method = step.list ? CHANGED_METHOD[step.list] : undefined;
    if (step.fault === 'drop') mock.faults.dropNext(step.count, method);
    else mock.faults.duplicateNext(step.count, method);
    return { reply: { armed: step.fault, count: step.count, ...(method ? { method } : {}) } };
  },
});

/** Ends sessions from the server side (HTTP answers 404 from then on; stdio exits). */
export const terminateSessionOp = defineOp({
  op: 'terminate-session',
  sync: true,
  schema: z.object({ op: z.literal('terminate-session'), sessions }),
  run: ({ mock }, step) => {
    const terminated = mock.terminateSession(some(step));
    return { detail: `ended ${terminated.length}`, reply: { terminated } };
  },
});

/**
 * Closes the standalone GET stream (HTTP) or the SSE stream of each session; in the 2026-07-28 era, its listen streams:
 * `graceful` ends each with its result first (the spec's way for a server to end one), otherwise the stream just closes.
 */
export const dropStreamOp = defineOp({
  op: 'drop-stream',
  sync: true,
  schema: z.object({ op: z.literal('drop-stream'), sessions, graceful: z.boolean().default(false) }),
  run: ({ mock }, step) => {
    const dropped = mock.dropStream(some(step), step.graceful);
    return { detail: `dropped ${dropped.length}`, reply: { dropped } };
  },
});

/** 2026-07-28 era: acknowledges each listen stream opened from now on `ms` late (0: at once). */
export const delayAckOp = defineOp({
  op: 'delay-ack',
  sync: true,
  schema: z.object({ op: z.literal('delay-ack'), ms: z.number().int().min(0).max(MAX_INTERVAL_MS) }),
  run: ({ mock }, step) => {
    mock.modern.ackDelayMs = step.ms;
    return { detail: `${step.ms} ms`, reply: { ackDelayMs: step.ms } };
  },
});

/** Makes stdio mock processes exit with `code`. */
export const exitOp = defineOp({
  op: 'exit',
  sync: true,
  schema: z.object({ op: z.literal('exit'), code: z.number().int().min(0).max(255).default(1), sessions }),
  run: ({ mock }, step) => {
    const exited = mock.exitProcess(step.code, some(step));
    return { detail: `exited ${exited.length}`, reply: { exited } };
  },
});

/** Ends the upstream side the way the transport allows: http terminates the session, sse drops its stream, stdio exits. */
export const teardownOp = defineOp({
  op: 'teardown',
  sync: true,
  schema: z.object({ op: z.literal('teardown') }),
  run: ({ mock, transport }) => {
    const how = transportOf(transport).teardown;
    if (how === 'exit-process') return { detail: `${transport} exited: ${mock.exitProcess(1).length}` };
    if (how === 'drop-stream') return { detail: `${transport} streams dropped: ${mock.dropStream().length}` };
    return { detail: `${transport} sessions terminated: ${mock.terminateSession().length}` };
  },
});

import type { z } from 'zod';
import { HarnessError } from '../errors.js';
import type { StepShape } from '../model/scenario-schema.js';
import * as armOps from './arm-op.js';
import * as catalogueOps from './catalogue-ops.js';
import * as faultOps from './fault-ops.js';
import * as notifyOps from './notify-ops.js';
import type { Budget, Outcome, StepContext, StepOp } from './op.js';
import * as probeOps from './probe-ops.js';
import * as serverOps from './server-ops.js';
import * as waitOps from './wait-ops.js';

/** The op families, one module each: adding an op to a family is adding it to that file, nothing else. */
const FAMILIES = [catalogueOps, notifyOps, faultOps, waitOps, armOps, probeOps, serverOps] as const;

/** The step ops a family module exports (it may export helpers and constants beside them). */
type OpsOf<M> = M extends unknown ? Extract<M[keyof M], { op: string; schema: z.ZodType; run: unknown }> : never;
type BuiltinOp = OpsOf<(typeof FAMILIES)[number]>;

const isOp = (value: unknown): value is StepOp =>
  typeof value === 'object' && value !== null && typeof (value as StepOp).op === 'string' && typeof (value as StepOp).run === 'function';

/** Every built-in op, family by family (a module namespace lists its exports by name). */
export const BUILTIN_OPS: readonly StepOp[] = FAMILIES.flatMap((family) => Object.values(family).filter(isOp));

/** A built-in step as a scenario author writes it (defaults optional): the union of every op's input. */
export type StepInput = z.input<BuiltinOp['schema']>;

/** Zod issues as `path: message`, each path prefixed. */
function describe(error: z.ZodError, prefix: string): string {
  return error.issues.slice(0, 3).map((issue) => `${[prefix, ...issue.path].filter((p) => p !== '').join('.') || '(step)'}: ${issue.message}`).join('; ');
}

/** The step ops a run knows: looked up by name, validated by their own schema, run by their own record. */
export class StepRegistry {
  private readonly ops = new Map<string, StepOp>();

  constructor(ops: readonly StepOp[] = []) {
    for (const op of ops) this.register(op);
  }

  /** Adds an op; a second op with the same name throws. */
  register(op: StepOp): this {
    if (this.ops.has(op.op)) throw new HarnessError('DUPLICATE_OP', `two step ops are named "${op.op}"`);
    this.ops.set(op.op, op);
    return this;
  }

  get names(): string[] {
    return [...this.ops.keys()];
  }

  /** The op's record, or a HarnessError naming the known ops. */
  get(name: string, path = 'op'): StepOp {
    const op = this.ops.get(name);
    if (!op) throw new HarnessError('BAD_STEP', `${path}: unknown step op "${name}"`, `known ops: ${this.names.join(', ')}`);
    return op;
  }

  /** Validates one step (nested steps too) and fills its defaults; `path` names it in errors (`steps.3`). */
  parse(raw: unknown, path = 'step', syncOnly = false): StepShape {
    const name = (raw as { op?: unknown } | null)?.op;
    if (typeof name !== 'string') throw new HarnessError('BAD_STEP', `${path}.op: a step needs an "op" naming one of: ${this.names.join(', ')}`);
    const op = this.get(name, `${path}.op`);
    if (syncOnly && !op.sync) throw new HarnessError('BAD_STEP', `${path}.op: "${name}" waits, so it cannot run inside a trigger`);
    const parsed = op.schema.safeParse(raw);
    if (!parsed.success) throw new HarnessError('BAD_STEP', describe(parsed.error, path));
    const nested = op.nested?.(parsed.data);
    nested?.steps.forEach((step, index) => this.parse(step, `${path}.${nested.path}.${index}`, true));
    return parsed.data;
  }

  /** A step context whose nested steps (an `arm` trigger's actions) run through this registry, synchronously. */
  context(base: Omit<StepContext, 'runNested'>): StepContext {
    const ctx: StepContext = { ...base, runNested: (step: unknown) => this.run(ctx, step) };
    return ctx;
  }

  /** Runs one step through its record (validating it first). */
  run(ctx: StepContext, raw: unknown): Outcome | Promise<Outcome> {
    const step = this.parse(raw);
    return this.get(step.op).run(ctx, step);
  }

  /** The step with the gateway cell's token in every name it creates or addresses. */
  tag<T extends StepShape>(step: T, token: string): T {
    const op = this.get(step.op);
    return (op.tag ? op.tag(step, token, (nested) => this.tag(nested as StepShape, token)) : step) as T;
  }

  /** What a (parsed) step waits by design, from its op's record; 0 for an op that does not say. */
  expectedMs(step: StepShape): number {
    return this.ops.get(step.op)?.expectedMs?.(step) ?? 0;
  }

  /** Where a finished step's time went, from its op and journaled detail; undefined is harness overhead. */
  budget(name: string, detail: string | undefined): Budget | undefined {
    const budget = this.ops.get(name)?.budget;
    return typeof budget === 'function' ? budget(detail) : budget;
  }
}

/** The built-in ops (a fresh registry: tests and embedders may register more). */
export function builtinOps(): StepRegistry {
  return new StepRegistry(BUILTIN_OPS);
}

/** The registry runs use unless given another. */
export const DEFAULT_OPS = builtinOps();

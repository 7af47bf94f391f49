import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MockServer } from '../../src/mock-server/mock-server.js';
import { runSteps } from '../../src/runner/stepper.js';
import { parseScenario } from '../../src/scenarios/load.js';
import { type AdminApi, startAdminApi } from '../../src/mock-admin/admin-api.js';
import { defineOp } from '../../src/steps/op.js';
import { builtinOps } from '../../src/steps/op-registry.js';

/** A step op that exists only in this test: it renames a tool in one step. */
const renameOp = defineOp({
  op: 'rename-tool',
  sync: true,
  schema: z.object({ op: z.literal('rename-tool'), from: z.string().min(1), to: z.string().min(1) }),
  run: ({ mock }, step) => {
    mock.remove('tools', step.from);
    const revision = mock.add('tools', { name: step.to });
    return { detail: `renamed ${step.from} to ${step.to}`, reply: { revision } };
  },
});

const toolNames = (mock: MockServer) => mock.catalogue.list('tools').map((tool) => tool.name);

describe('step ops as records', () => {
  let admin: AdminApi | undefined;
  afterEach(async () => {
    await admin?.close();
    admin = undefined;
  });

  it('runs an op added in a test file through the stepper', async () => {
    const ops = builtinOps().register(renameOp);
    const mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
    const signal = new AbortController().signal;
    await runSteps({ mock, journal: mock.journal, transport: 'stdio', signal }, [{ op: 'rename-tool', from: 'alpha', to: 'omega' }], ops);
    expect(toolNames(mock)).toEqual(['omega']);
    expect(mock.journal.ofKind('step').at(-1)).toMatchObject({ op: 'rename-tool', phase: 'end', detail: 'renamed alpha to omega' });
  });

  it('runs the same op through the admin API, validated by its own schema', async () => {
    const ops = builtinOps().register(renameOp);
    const mock = new MockServer({ catalogue: { tools: [{ name: 'alpha' }] } });
    admin = await startAdminApi(mock, { ops });
    const post = (body: unknown) =>
      fetch(`${admin?.url ?? ''}/steps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin?.token ?? ''}` },
        body: JSON.stringify(body),
      });
    const ok = await post({ op: 'rename-tool', from: 'alpha', to: 'omega' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ revision: 2 });
    expect(toolNames(mock)).toEqual(['omega']);
    const bad = await post({ op: 'rename-tool', from: 'omega' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('step.to');
  });

  it('gives scenarios and the admin API one set of bounds and defaults', async () => {
    const scenario = (steps: unknown[]) => ({ id: 'x', title: 'x', steps, checks: [{ id: 'converges' }] });
    expect(() => parseScenario(scenario([{ op: 'storm', count: 100_001 }]), 'file.json')).toThrow(/file\.json: steps\.0\.count/);
    const parsed = parseScenario(scenario([{ op: 'storm', count: 3 }]), 'file.json');
    expect(parsed.steps[0]).toMatchObject({ op: 'storm', count: 3, intervalMs: 0, mutate: false, list: 'tools' });
    expect(() => parseScenario(scenario([{ op: 'add', item: 'tools', value: { title: 'no name' } }]), 'f')).toThrow(/steps\.0\.value\.name/);
    // A check's options are checked by the check's own schema, and failAs apart, with the check's place in the file.
    const checked = (checks: unknown[]) => ({ id: 'x', title: 'x', steps: [{ op: 'storm', count: 1 }], checks });
    expect(() => parseScenario(checked([{ id: 'converges', options: { lists: ['nope'] } }]), 'f')).toThrow(/^f: checks\.0\.options\.lists\.0: /);
    expect(() => parseScenario(checked([{ id: 'converges', options: { failAs: 'maybe' } }]), 'f')).toThrow('f: checks.0.options.failAs: must be "warn" or "fail"');
    expect(parseScenario(checked([{ id: 'converges', options: { failAs: 'warn' } }]), 'f').checks[0]?.options).toEqual({ failAs: 'warn' });

    const mock = new MockServer();
    admin = await startAdminApi(mock);
    const storm = await fetch(`${admin.url}/storm`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ count: 100_001 }),
    });
    expect(storm.status).toBe(400);
    expect(((await storm.json()) as { error: string }).error).toContain('count');
  });

  it('names the known ops for an unknown one, and keeps waiting ops out of triggers', () => {
    const ops = builtinOps();
    expect(() => ops.parse({ op: 'explode' }, 'steps.2')).toThrow(/steps\.2\.op: unknown step op "explode"/);
    expect(() => ops.parse({ op: 'arm', on: 'initialized', then: [{ op: 'sleep', ms: 5 }] }, 'steps.0')).toThrow(
      /steps\.0\.then\.0\.op: "sleep" waits/,
    );
    expect(() => ops.register(renameOp).register(renameOp)).toThrow(/two step ops are named "rename-tool"/);
  });

  it('puts the gateway token into every name a step creates or addresses, nested ones too', () => {
    const ops = builtinOps();
    expect(ops.tag({ op: 'add', item: 'tools', value: { name: 'delta' } }, 'nc1')).toMatchObject({ value: { name: 'nc1_delta' } });
    expect(ops.tag({ op: 'remove', item: 'resources', key: 'mock://docs/one' }, 'nc1')).toMatchObject({ key: 'mock://nc1/docs/one' });
    expect(ops.tag({ op: 'storm', count: 2 }, 'nc1')).toMatchObject({ prefix: 'nc1_storm' });
    const armed = ops.tag({ op: 'arm', on: 'initialized', then: [{ op: 'add', item: 'prompts', value: { name: 'p' } }] }, 'nc1');
    expect(armed).toMatchObject({ then: [{ value: { name: 'nc1_p' } }] });
    expect(ops.tag({ op: 'notify', list: 'tools' }, 'nc1')).toEqual({ op: 'notify', list: 'tools' });
  });
});

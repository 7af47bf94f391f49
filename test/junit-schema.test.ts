import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { junitProblems } from './helpers/junit-schema.js';

async function file(xml: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'mnc-junit-')), 'junit.xml');
  await writeFile(path, xml);
  return path;
}

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

describe('the JUnit validator the reporter tests use (libxml2 in WebAssembly)', () => {
  it('accepts a suite with a failure, a skip and output', async () => {
    const xml = `${HEAD}<testsuites tests="3" failures="1" errors="0" skipped="1" time="1.000"><testsuite name="s [http]" tests="3" failures="1" errors="0" skipped="1" time="1.000">` +
      '<testcase classname="s.http" name="a"><failure message="m" type="must">m</failure></testcase>' +
      '<testcase classname="s.http" name="b"><skipped message="why"/></testcase>' +
      '<testcase classname="s.http" name="c"><system-out>pass: ok</system-out></testcase></testsuite></testsuites>\n';
    expect(await junitProblems(await file(xml))).toEqual([]);
  });

  it('finds a raw control character, which XML 1.0 forbids', async () => {
    const xml = `${HEAD}<testsuites tests="0" failures="0" errors="0"><testsuite name="a\u0007" tests="0" failures="0" errors="0"/></testsuites>\n`;
    expect((await junitProblems(await file(xml))).join('\n')).toMatch(/junit\.xml:2:/);
  });

  it('finds a shape CI servers do not read: a count that is not a number, a testcase outside a testsuite', async () => {
    const xml = `${HEAD}<testsuites tests="many" failures="0" errors="0"><testcase classname="x" name="y"/></testsuites>\n`;
    const problems = (await junitProblems(await file(xml))).join('\n');
    expect(problems).toContain('many');
    expect(problems).toContain('testcase');
  });
});

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = promisify(execFile);

export interface Banner {
  mcp: string;
  admin: string;
  token: string;
}

/** Reads the first line a stream produces, as JSON, and keeps draining it (the pipe stays open). */
export function firstJsonLine(stream: NodeJS.ReadableStream): Promise<Banner> {
  return new Promise((resolve, reject) => {
    let text = '';
    let done = false;
    stream.on('data', (chunk: Buffer | string) => {
      if (done) return;
      text += String(chunk);
      const newline = text.indexOf('\n');
      if (newline === -1) return;
      done = true;
      resolve(JSON.parse(text.slice(0, newline)) as Banner);
    });
    stream.on('end', () => {
      if (!done) reject(new Error(`stream ended before a line: ${text}`));
    });
  });
}

/** Runs the built CLI to completion. */
export async function runCli(args: string[], options: { timeoutMs?: number; cwd?: string } = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      timeout: options.timeoutMs ?? 30_000,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Starts `mcp-notify-check serve` in the background and reads its banner. */
export async function startServe(
  args: string[],
): Promise<{ child: ChildProcess; banner: Banner; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const banner = await firstJsonLine(child.stderr);
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    return (await exited)[0] as number | null;
  };
  return { child, banner, stop };
}

/** Calls the admin API with curl, as a person would. */
export async function curl(
  banner: Banner,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown; text: string }> {
  const args = ['-s', '-w', '\n%{http_code}', '-X', method, '-H', `Authorization: Bearer ${banner.token}`];
  if (body !== undefined) args.push('-H', 'content-type: application/json', '--data', JSON.stringify(body));
  const { stdout } = await run('curl', [...args, `${banner.admin}${path}`]);
  const cut = stdout.lastIndexOf('\n');
  const text = stdout.slice(0, cut);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: Number(stdout.slice(cut + 1)), json, text };
}

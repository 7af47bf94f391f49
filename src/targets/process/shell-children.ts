import { readdirSync, readFileSync } from 'node:fs';

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The processes a target's `/bin/sh -c` wrapper runs, when the shell did not exec its command (dash keeps itself as the
 * parent of `VAR=x node server.js`): those are the target. Empty when the leader is the target itself (it exec'd), and
 * where there is no /proc (then the whole group is the only handle).
 */
export function wrappedBy(shell: number): number[] {
  const cmdline = read(`/proc/${shell}/cmdline`);
  if (!cmdline?.startsWith('/bin/sh\0-c\0')) return [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  // stat after the command name: state, ppid, …
  return pids.filter((pid) => Number(read(`/proc/${pid}/stat`)?.split(') ')[1]?.split(' ')[1]) === shell).map(Number);
}

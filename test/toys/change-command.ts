/** A shell command that adds a tool to a running mock through its admin API and announces it, as a server's own change would. */
export function changeCommand(admin: { url: string; token: string }): string {
  const call = `fetch('${admin.url}/tools', { method: 'POST', headers: { authorization: 'Bearer ${admin.token}', ` +
    `'content-type': 'application/json' }, body: JSON.stringify({ name: 'added_' + Date.now() + '_' + process.pid, ` +
    `inputSchema: { type: 'object' }, notify: true }) }).then((r) => process.exit(r.ok ? 0 : 1))`;
  return `node -e "${call}"`;
}

// mcp-proxy imports pipenet at start-up and calls it only for `--tunnel` (a public tunnel). This repository runs
// mcp-proxy on loopback as a gateway under test, so the real package (which declares Node >=22) is replaced here by
// one that says plainly what is missing if a tunnel is ever asked for.
export async function pipenet() {
  throw new Error('mcp-proxy --tunnel is not available in mcp-notify-check\'s dev dependencies: pipenet is stubbed (see stubs/pipenet)');
}

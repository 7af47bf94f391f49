// The TypeScript SDK v1 client as its docs show it: the `listChanged` option with its defaults (autoRefresh, 300 ms
// debounce) refreshes a list on `notifications/<list>/list_changed`; the first listing is the application's job.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';

const env = process.env;

/** A view report line for the harness: the names this client would show its users for one list. */
function report(list, items) {
  const names = items.map((item) => item.uri ?? item.name);
  process.stdout.write(`@mcp-notify-check view ${JSON.stringify({ list, names })}\n`);
}

const onChanged = (list) => (error, items) => {
  if (error) process.stderr.write(`ts-sdk-client: refresh of ${list} failed: ${error.message}\n`);
  else if (items) report(list, items);
};

/** The transport the harness asks for, from the environment it sets. */
async function transport() {
  switch (env.MCP_NOTIFY_CHECK_TRANSPORT) {
    case 'sse': {
      const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
      return new SSEClientTransport(new URL(env.MCP_NOTIFY_CHECK_URL));
    }
    case 'http': {
      const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
      return new StreamableHTTPClientTransport(new URL(env.MCP_NOTIFY_CHECK_URL));
    }
    default: {
      const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
      const [command, ...args] = JSON.parse(env.MCP_NOTIFY_CHECK_SERVER_COMMAND);
      return new StdioClientTransport({ command, args, stderr: 'inherit' });
    }
  }
}

const client = new Client(
  { name: 'interop-ts-sdk-client', version: '1.0.0' },
  { listChanged: { tools: { onChanged: onChanged('tools') }, resources: { onChanged: onChanged('resources') }, prompts: { onChanged: onChanged('prompts') } } },
);
await client.connect(await transport());
const capabilities = client.getServerCapabilities() ?? {};
if (capabilities.tools) report('tools', (await client.listTools()).tools);
if (capabilities.resources) report('resources', (await client.listResources()).resources);
if (capabilities.prompts) report('prompts', (await client.listPrompts()).prompts);

// Runs until the harness ends it.
const keepAlive = setInterval(() => undefined, 1 << 30);
await new Promise((resolve) => process.once('SIGTERM', resolve));
clearInterval(keepAlive);
await client.close();
process.exit(0);

#!/usr/bin/env node
// A client on the official TypeScript SDK v2 (`@modelcontextprotocol/client`) that relies on its documented `listChanged`
// option with its defaults (autoRefresh, 300 ms debounce) and negotiates the protocol era itself (`mode: 'auto'`): in the
// 2026-07-28 era the SDK opens the subscriptions/listen stream during connect(). The README reports what mcp-notify-check
// finds about it. Run: mcp-notify-check run --client "node dist/examples/sdk-v2-listchanged-client.js" --era modern
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { endpointFromEnvironment } from './reference-client/connect.js';
import { reportItems, reportOnChanged } from './view-report.js';

const onChanged = reportOnChanged('sdk v2 client');

const endpoint = endpointFromEnvironment(process.env, process.argv.slice(2));
const [command = '', ...args] = endpoint.command ?? [];
const transport = endpoint.transport === 'stdio'
  ? new StdioClientTransport({ command, args, stderr: 'inherit' })
  : new StreamableHTTPClientTransport(new URL(endpoint.url ?? ''));
const client = new Client(
  { name: 'sdk-v2-listchanged-defaults', version: '1.0.0' },
  {
    versionNegotiation: { mode: 'auto' },
    listChanged: { tools: { onChanged: onChanged('tools') }, resources: { onChanged: onChanged('resources') }, prompts: { onChanged: onChanged('prompts') } },
  },
);
client.onerror = (error) => process.stderr.write(`sdk v2 client: ${error.message}\n`);
await client.connect(transport);
// The initial listing is the application's job; the SDK only refreshes on notifications.
const capabilities = client.getServerCapabilities() ?? {};
if (capabilities.tools) reportItems('tools', (await client.listTools()).tools);
if (capabilities.resources) reportItems('resources', (await client.listResources()).resources);
if (capabilities.prompts) reportItems('prompts', (await client.listPrompts()).prompts);
const keepAlive = setInterval(() => undefined, 1 << 30);
await new Promise((resolve) => process.once('SIGTERM', resolve));
clearInterval(keepAlive);
await client.close();
process.exit(0);

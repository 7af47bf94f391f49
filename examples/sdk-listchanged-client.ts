#!/usr/bin/env node
// A client that relies on the TypeScript SDK's own `listChanged` option with its defaults
// (autoRefresh, 300 ms debounce) — what many SDK-based clients do. The README reports what
// mcp-notify-check finds about it. Run: mcp-notify-check run --client "node dist/examples/sdk-listchanged-client.js"
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createTransport, endpointFromEnvironment } from './reference-client/connect.js';
import { reportItems, reportOnChanged } from './view-report.js';

const onChanged = reportOnChanged('sdk client');

const client = new Client(
  { name: 'sdk-listchanged-defaults', version: '1.0.0' },
  { listChanged: { tools: { onChanged: onChanged('tools') }, resources: { onChanged: onChanged('resources') }, prompts: { onChanged: onChanged('prompts') } } },
);
await client.connect(await createTransport(endpointFromEnvironment(process.env, process.argv.slice(2)), { maxRetries: 2 }));
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

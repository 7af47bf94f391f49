#!/usr/bin/env node
// The bundled reference client: what a well-behaved MCP client does with list_changed.
// mcp-notify-check runs it as the default target: `mcp-notify-check demo`.
import { REFERENCE_BEHAVIOUR, runClient } from './client.js';
import { endpointFromEnvironment } from './connect.js';

const endpoint = endpointFromEnvironment(process.env, process.argv.slice(2));
process.exit(await runClient(endpoint, REFERENCE_BEHAVIOUR));

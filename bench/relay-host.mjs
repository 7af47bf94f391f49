// Hosts the mock the way the runner does for stdio targets: the harness process keeps the server,
// journal and clock; the target spawns the relay shim. Prints {"command","admin","token"} on stderr.
// Ends on SIGTERM, or when its stdin ends (the bench that started it is gone).
import { bindTransport, MockServer, startAdminApi } from '../dist/src/index.js';

const mock = new MockServer({
  catalogue: {
    tools: [
      { name: 'echo', description: 'Echoes its arguments' },
      { name: 'add', description: 'Pretends to add numbers' },
    ],
  },
});
const binding = await bindTransport('stdio', mock);
const admin = await startAdminApi(mock);
process.stderr.write(
  `${JSON.stringify({ command: binding.command, admin: admin.url, token: admin.token })}\n`,
);
let closing;
const shutdown = () => {
  closing ??= admin.close().then(() => binding.close()).then(() => process.exit(0));
};
process.on('SIGTERM', shutdown);
process.stdin.on('end', shutdown);
process.stdin.resume();

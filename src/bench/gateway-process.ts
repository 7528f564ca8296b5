import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../config.js';
import { createGateway } from '../gateway.js';
import { createStores } from '../stores/index.js';

// The gateway as the benchmark runs it: its own process (so its CPU is its own), configured
// by environment like `main.ts`, with one extra control over IPC: empty the shared caches
// between cold iterations.

const loaded = loadConfig(process.env);
if (!loaded.ok) {
  process.stderr.write(`${loaded.errors.join('\n')}\n`);
  process.exit(2);
}
// With REDIS_URL (`--replicas`), the replicas share state as deployed ones do.
const stores = await createStores(loaded.config);
const gateway = createGateway({ config: loaded.config, stores });
const server = createServer(gateway.yoga);
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.send!({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});

process.on('message', (message: { type: string; id: number }) => {
  if (message.type === 'clear-caches') gateway.caches?.clear();
  const value = message.type === 'live-stats' ? { pollers: gateway.live.registry.stats().pollers, subscribers: gateway.live.registry.stats().subscribers } : undefined;
  process.send!({ type: 'done', id: message.id, value });
});
process.once('SIGTERM', () => {
  gateway.live.close();
  server.closeAllConnections();
  server.close(() => void gateway.dispose().then(() => stores.close()).finally(() => process.exit(0)));
});

import { createServer } from 'node:http';
import { createCredentialStore } from './auth/credential-store.js';
import { createHawkEdge, type HawkEdge } from './auth/edge.js';
import { loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { createJsonLogger } from './log.js';

// The entry point: read the environment, build the gateway, serve it, shut down cleanly.

const logger = createJsonLogger();
const loaded = loadConfig(process.env);
if (!loaded.ok) {
  for (const problem of loaded.errors) logger.log('error', 'invalid configuration', { problem });
  process.exit(2);
}
const { config } = loaded;

let hawkEdge: HawkEdge | null = null;
let stopWatching: (() => void) | null = null;
if (config.hawk.credentialsFile) {
  const store = await createCredentialStore({
    path: config.hawk.credentialsFile,
    onError: (error) => logger.log('error', 'Hawk credentials not reloaded', { problem: error.message }),
    onReload: (count) => logger.log('info', 'Hawk credentials loaded', { count }),
  });
  stopWatching = store.watch();
  process.on('SIGHUP', () => void store.reload());
  hawkEdge = createHawkEdge({
    store,
    ...(config.hawk.publicHost ? { publicHost: config.hawk.publicHost } : {}),
    ...(config.hawk.publicPort ? { publicPort: config.hawk.publicPort } : {}),
  });
}

const gateway = createGateway({ config, hawkEdge });
const server = createServer(gateway.yoga);
server.listen(config.port, config.host, () => {
  logger.log('info', 'treeherder-graphql listening', {
    url: `http://${config.host}:${config.port}/graphql`,
    treeherder: config.treeherderUrl,
    hawk: hawkEdge ? 'verifying' : 'off',
  });
});

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  logger.log('info', 'shutting down: draining in-flight requests', { signal });
  stopWatching?.();
  // Stop accepting, let in-flight requests finish, then release upstream connections.
  const force = setTimeout(() => {
    logger.log('warn', 'drain timed out; closing remaining connections');
    server.closeAllConnections();
  }, 10_000);
  force.unref();
  server.close(() => {
    void gateway.dispose().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

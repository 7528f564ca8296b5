import { createCredentialStore } from './auth/credential-store.js';
import { createHawkEdge, type HawkEdge } from './auth/edge.js';
import { loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { attachWebSocket } from './live/websocket.js';
import { createJsonLogger } from './log.js';
import { createGatewayServer } from './server.js';
import { createShutdown } from './shutdown.js';
import { listen, runStartup, StartupError } from './startup.js';
import { createStores } from './stores/index.js';

// The entry point: read the environment, build the gateway, serve it, shut down cleanly.
// What the operator must fix before it can start (src/startup.ts) is one line each on stderr
// and exit code 2.

const logger = createJsonLogger();

await runStartup('treeherder-graphql', async () => {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) throw new StartupError(loaded.errors.map((problem) => `invalid configuration: ${problem}`));
  const { config } = loaded;
  // REDIS_URL set but Redis unreachable: a StoreUnavailableError (a StartupError), one line, exit 2.
  const stores = await createStores(config, { logger });

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
      requirePayloadHash: config.hawk.requirePayloadHash,
      nonceCache: stores.nonces,
    });
  }

  const gateway = createGateway({ config, hawkEdge, logger, stores });
  const server = createGatewayServer(gateway.yoga, config.server);
  // graphql-ws on the same /graphql path; SSE streams are ordinary responses of `server`.
  const websocket = attachWebSocket({ server, gateway, hawkEdge });
  const shutdown = createShutdown({
    server,
    dispose: async () => {
      await gateway.dispose();
      await stores.close();
    },
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    onStop: () => {
      stopWatching?.();
      // Subscriptions end at once (each stream gets its `complete`), so they do not hold the drain.
      void websocket.close(Math.min(2_000, config.shutdownTimeoutMs));
    },
  });
  // Before the "listening" line: whoever reads it may send SIGTERM at once.
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // The bound address, not the configured one: PORT=0 picks a free port.
  const { port } = await listen(server, config.port, config.host);
  logger.log('info', 'treeherder-graphql listening', {
    url: `http://${config.host}:${port}/graphql`,
    treeherder: config.treeherderUrl,
    hawk: hawkEdge ? 'verifying' : 'off',
    redis: stores.state() === 'local' ? 'off' : 'shared',
  });
});

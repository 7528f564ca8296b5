import { createServer } from 'node:http';
import { loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { attachWebSocket } from './live/websocket.js';
import { createJsonLogger } from './log.js';
import { createSimulator } from './simulator/index.js';
import { listen, listenFailure, runStartup, StartupError } from './startup.js';

// `npm run demo`: the gateway on top of the embedded Treeherder simulator, so the whole
// graph can be explored in GraphiQL on a machine with no internet.

const logger = createJsonLogger();

await runStartup('treeherder-graphql demo', async () => {
  const simulatorPort = Number(process.env['SIMULATOR_PORT'] ?? 8100);
  if (!Number.isInteger(simulatorPort) || simulatorPort < 0 || simulatorPort > 65_535) {
    throw new StartupError(`invalid configuration: SIMULATOR_PORT must be an integer from 0 to 65535 (got "${process.env['SIMULATOR_PORT']}").`);
  }
  const latencyMs = Number(process.env['SIMULATOR_LATENCY_MS'] ?? 0);

  // Live by default, so subscriptions show events: a simulated minute every SIMULATOR_STEP_MS (5 s).
  const liveStepMs = Number(process.env['SIMULATOR_STEP_MS'] ?? 5_000);
  const simulator = createSimulator({ seed: Number(process.env['SIMULATOR_SEED'] ?? 1), latencyMs, ...(liveStepMs > 0 ? { liveStepMs } : {}) });
  const simulatorUrl = await simulator.listen(simulatorPort, '127.0.0.1').catch((error: unknown) => {
    throw listenFailure(error, simulatorPort, '127.0.0.1', { port: 'SIMULATOR_PORT', host: 'the simulator host' }) ?? error;
  });

  const loaded = loadConfig({ HOST: '127.0.0.1', ...process.env, TREEHERDER_URL: simulatorUrl });
  if (!loaded.ok) throw new StartupError(loaded.errors.map((problem) => `invalid configuration: ${problem}`));
  const { config } = loaded;
  // One JSON line per GraphQL request, with the upstream requests it cost.
  const gateway = createGateway({ config, logger });
  const server = createServer(gateway.yoga);
  const websocket = attachWebSocket({ server, gateway });
  function shutdown(): void {
    void websocket.close(1_000);
    server.close(() => {
      void Promise.all([gateway.dispose(), simulator.close()]).finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  }
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const { port } = await listen(server, config.port, config.host);
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stdout.write(
    [
      '',
      `  treeherder-graphql demo`,
      `  GraphiQL:   http://${host}:${port}/graphql   (open it in a browser)`,
      `  Simulator:  ${simulatorUrl}/api/repository/   (the Treeherder REST API it reads)`,
      `  Request log of the simulator: ${simulatorUrl}/__simulator/requests`,
      `  Ctrl+C stops both.`,
      '',
    ].join('\n') + '\n',
  );

});

import { createServer } from 'node:http';
import { loadConfig } from './config.js';
import { createGateway } from './gateway.js';
import { createJsonLogger } from './log.js';
import { createSimulator } from './simulator/index.js';

// `npm run demo`: the gateway on top of the embedded Treeherder simulator, so the whole
// graph can be explored in GraphiQL on a machine with no internet.

const logger = createJsonLogger();
const simulatorPort = Number(process.env['SIMULATOR_PORT'] ?? 8100);
const latencyMs = Number(process.env['SIMULATOR_LATENCY_MS'] ?? 0);

const simulator = createSimulator({ seed: Number(process.env['SIMULATOR_SEED'] ?? 1), latencyMs });
const simulatorUrl = await simulator.listen(simulatorPort, '127.0.0.1');

const loaded = loadConfig({ HOST: '127.0.0.1', ...process.env, TREEHERDER_URL: simulatorUrl });
if (!loaded.ok) {
  for (const problem of loaded.errors) logger.log('error', 'invalid configuration', { problem });
  process.exit(2);
}
const { config } = loaded;
// One JSON line per GraphQL request, with the upstream requests it cost.
const gateway = createGateway({ config, logger });
const server = createServer(gateway.yoga);
server.listen(config.port, config.host, () => {
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stdout.write(
    [
      '',
      `  treeherder-graphql demo`,
      `  GraphiQL:   http://${host}:${config.port}/graphql   (open it in a browser)`,
      `  Simulator:  ${simulatorUrl}/api/repository/   (the Treeherder REST API it reads)`,
      `  Request log of the simulator: ${simulatorUrl}/__simulator/requests`,
      `  Ctrl+C stops both.`,
      '',
    ].join('\n') + '\n',
  );
});

function shutdown(): void {
  server.close(() => {
    void Promise.all([gateway.dispose(), simulator.close()]).finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);

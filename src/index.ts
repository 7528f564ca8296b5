// `treeherder-graphql`: the gateway as a library, for embedding it in your own server.
// The typed client is a separate entry point, `treeherder-graphql/sdk`, so a script that
// only calls the gateway never loads Yoga.

export { createGateway, EXAMPLE_QUERY } from './gateway.js';
export type { Gateway, GatewayOptions } from './gateway.js';
export { DEFAULT_TREEHERDER_URL, gatewayUserAgent, loadConfig } from './config.js';
export type { Config, ConfigResult } from './config.js';
export type { GatewayContext } from './context.js';
export { createJsonLogger } from './log.js';
export type { Logger, LogLevel } from './log.js';
export { createCredentialStore, createHawkEdge, createStaticCredentialStore } from './auth/index.js';
export type { CredentialStore, HawkCredentials, HawkEdge, HawkEdgeOptions } from './auth/index.js';
export { StartupError } from './startup.js';
export { createLocalStores, createStores, StoreUnavailableError } from './stores/index.js';
export type { Stores } from './stores/index.js';

// `treeherder-graphql/sdk`: a typed client for the gateway. Import from here, not from the
// files behind it: this is the package's public SDK surface.

export type { HawkAlgorithm, HawkCredentials } from '../auth/credentials.js';
export { hawkAuthorization } from '../auth/sign.js';
export type { HawkAuthorizationOptions } from '../auth/sign.js';
export { createClient, GatewayError } from './client.js';
export type { ClientErrorCode, ClientOptions, GraphQLClient, RequestOptions } from './client.js';
export * from './operations.generated.js';
export { persistedDocuments, sha256Hex, toPersistedDocument } from './persisted-documents.js';
export type { PersistedDocument } from './persisted-documents.js';
export { createSdk } from './sdk.js';
export type { Sdk } from './sdk.js';

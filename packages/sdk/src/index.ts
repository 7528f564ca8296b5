// `treeherder-graphql-sdk`: a typed client for the treeherder-graphql gateway, for Node and
// browsers. Import from here, not from the files behind it: this is the package's surface.

export { hawkAuthorization, hawkPayloadHash } from './hawk.js';
export type { HawkAlgorithm, HawkAuthorizationOptions, HawkCredentials } from './hawk.js';
export { createClient, GatewayError } from './client.js';
export type { ClientErrorCode, ClientOptions, GraphQLClient, RequestOptions } from './client.js';
export * from './operations.generated.js';
export { persistedDocuments, sha256Hex, toPersistedDocument } from './persisted-documents.js';
export type { PersistedDocument } from './persisted-documents.js';
export { createSdk } from './sdk.js';
export type { Sdk } from './sdk.js';
export { VERSION } from './version.js';

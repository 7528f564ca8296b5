export type { HawkAlgorithm, HawkCredentials } from './credentials.js';
export { ACCEPTED_ALGORITHMS } from './credentials.js';
export type { HawkAuthorizationOptions, HawkSignInput } from './sign.js';
export { hawkAuthorization, signHawkRequest } from './sign.js';
export type {
  CredentialStore,
  CredentialStoreErrorCode,
  FileCredentialStore,
  FileCredentialStoreOptions,
} from './credential-store.js';
export {
  CredentialStoreError,
  createCredentialStore,
  createStaticCredentialStore,
} from './credential-store.js';
export type { NonceCache, NonceCacheOptions } from './nonce-cache.js';
export { createNonceCache } from './nonce-cache.js';
export type { HawkAuthErrorCode } from './errors.js';
export { HawkAuthError, isHawkAuthError, STALE_TIMESTAMP_MESSAGE } from './errors.js';
export type { HawkAuthResult, HawkEdge, HawkEdgeOptions, HawkEdgeRequest, HawkIdentity } from './edge.js';
export { createHawkEdge } from './edge.js';
export type { HawkAuthPluginOptions } from './use-hawk-auth.js';
export { getRequestIdentity, useHawkAuth } from './use-hawk-auth.js';

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

export type { HawkAlgorithm, HawkCredentials } from './credentials.js';
export { ACCEPTED_ALGORITHMS } from './credentials.js';
export type { HawkAuthorizationOptions, HawkSignInput } from './sign.js';
export { hawkAuthorization, signHawkRequest } from './sign.js';

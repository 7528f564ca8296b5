/** Why a Hawk-authenticated request was refused. One code per thing the client must fix. */
export type HawkAuthErrorCode =
  | 'HAWK_HEADER_TOO_LONG'
  | 'HAWK_MALFORMED_HEADER'
  | 'HAWK_UNSUPPORTED_SCHEME'
  | 'HAWK_MISSING_ATTRIBUTE'
  | 'HAWK_UNKNOWN_ID'
  | 'HAWK_BAD_ALGORITHM'
  | 'HAWK_BAD_MAC'
  | 'HAWK_BAD_PAYLOAD_HASH'
  | 'HAWK_MISSING_PAYLOAD_HASH'
  | 'HAWK_STALE_TIMESTAMP'
  | 'HAWK_REPLAYED_NONCE'
  /** 503: the replay check shared by the replicas (Redis) cannot be reached; retry shortly. */
  | 'HAWK_REPLAY_CHECK_UNAVAILABLE';

/** Treeherder's wording for a stale timestamp, kept so existing clients recognise it. */
export const STALE_TIMESTAMP_MESSAGE =
  'Hawk authentication failed: The token has expired. Is your system clock correct?';

/**
 * A refused Hawk request. `message` is safe to return to the caller: it never holds a key or the
 * Authorization header. `headers` carries `WWW-Authenticate` (with `ts`/`tsm` on a stale
 * timestamp, so a client can correct its clock).
 */
export class HawkAuthError extends Error {
  override readonly name = 'HawkAuthError';
  readonly status: number;
  readonly code: HawkAuthErrorCode;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: HawkAuthErrorCode,
    message: string,
    options: { status?: number; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.code = code;
    this.status = options.status ?? 401;
    this.headers = Object.freeze({ ...options.headers });
  }
}

export function isHawkAuthError(error: unknown): error is HawkAuthError {
  return error instanceof HawkAuthError;
}

// The `hawk` package ships no types and @types/hawk is not a dependency, so this declares only
// the parts of hawk@9 that src/auth uses. Keep it a script (no top-level import/export): that is
// what makes `declare module` ambient.

declare module 'hawk' {
  type HawkAlgorithm = 'sha1' | 'sha256';

  interface HawkCredentialsInput {
    id?: string;
    key: string;
    algorithm: HawkAlgorithm;
  }

  /** The URL parts hawk reads from a pre-parsed URI (a `Url.parse` result, or anything shaped like it). */
  interface HawkUriParts {
    protocol: string;
    hostname: string;
    port: string | number | null;
    pathname: string;
    search: string | null;
  }

  interface HawkClientHeaderOptions {
    credentials: HawkCredentialsInput & { id: string };
    /** Seconds since the epoch. Falsy values are replaced by hawk's own clock. */
    timestamp?: number;
    nonce?: string;
    payload?: string;
    contentType?: string;
    ext?: string;
  }

  interface HawkArtifacts {
    method: string;
    host: string;
    port: number | string;
    resource: string;
    ts: string;
    nonce: string;
    hash?: string;
    ext?: string;
    mac: string;
    id: string;
  }

  /** A request described without a Node request object, so hawk reads no headers itself. */
  interface HawkServerRequest {
    method: string;
    url: string;
    host: string;
    port: number;
    authorization: string;
    contentType?: string;
  }

  interface HawkServerOptions {
    timestampSkewSec?: number;
    localtimeOffsetMsec?: number;
    payload?: string;
  }

  /** The @hapi/boom error hawk throws; only the structured fields src/auth relies on. */
  interface HawkBoom extends Error {
    isBoom: true;
    isMissing?: boolean;
    output: {
      statusCode: number;
      payload: {
        statusCode: number;
        error: string;
        message: string;
        attributes?: Record<string, string> | string;
      };
      headers: Record<string, string>;
    };
  }

  const Hawk: {
    client: {
      header(
        uri: string | HawkUriParts,
        method: string,
        options: HawkClientHeaderOptions,
      ): { header: string; artifacts: HawkArtifacts };
    };
    server: {
      authenticate<C extends HawkCredentialsInput>(
        request: HawkServerRequest,
        credentialsFunc: (id: string) => Promise<C | null | undefined> | C | null | undefined,
        options?: HawkServerOptions,
      ): Promise<{ credentials: C; artifacts: HawkArtifacts }>;
      authenticatePayload(
        payload: string,
        credentials: HawkCredentialsInput,
        artifacts: HawkArtifacts,
        contentType: string,
      ): void;
    };
    crypto: {
      algorithms: readonly string[];
      calculatePayloadHash(payload: string, algorithm: HawkAlgorithm, contentType?: string): string;
    };
    utils: {
      limits: { maxMatchLength: number };
      parseAuthorizationHeader(header: string): Record<string, string>;
      unauthorized(message?: string | null, attributes?: Record<string, string | number>): HawkBoom;
    };
  };

  export default Hawk;
  export type {
    HawkAlgorithm,
    HawkArtifacts,
    HawkBoom,
    HawkClientHeaderOptions,
    HawkServerRequest,
    HawkUriParts,
  };
}

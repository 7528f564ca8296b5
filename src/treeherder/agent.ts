import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { createSecureContext, getCACertificates } from 'node:tls';
import { Agent } from 'undici';
import { StartupError } from '../startup.js';

// The gateway's one dispatcher toward Treeherder: every upstream request, the readiness probe
// and the subscription pollers go through it.

export interface UpstreamAgentSettings {
  connectTimeoutMs: number;
  /** Keep-alive connections per origin while HTTP/1.1 is spoken. */
  connections: number;
  /**
   * Offer HTTP/2 by ALPN on https:// origins: where Treeherder's server picks it, requests
   * share one connection as streams. Plain http:// stays HTTP/1.1 (no cleartext h2).
   */
  http2: boolean;
  /** A PEM file of CAs to trust besides Node's own (an internal proxy's, a test server's). */
  caFile: string | null;
}

/**
 * The keep-alive pool. How many requests are in flight is not its business: the concurrency
 * cap in front of it (`UPSTREAM_MAX_CONCURRENCY`) decides that, over HTTP/1.1 or HTTP/2 alike;
 * undici's own ceiling of 100 streams per HTTP/2 connection only matters above that cap.
 *
 * @throws StartupError when `caFile` cannot be read or holds no valid certificate.
 */
export function createUpstreamAgent(settings: UpstreamAgentSettings): Agent {
  const extraCas = settings.caFile === null ? [] : readCaFile(settings.caFile);
  return new Agent({
    connect: {
      timeout: settings.connectTimeoutMs,
      // `ca` replaces the default list: keep Node's (bundled, NODE_EXTRA_CA_CERTS, and the
      // system's with --use-system-ca) and add the file's. One context for every connection:
      // a `ca` option would parse the ~150 certificates again for each TLS handshake.
      ...(extraCas.length > 0 ? { secureContext: createSecureContext({ ca: [...getCACertificates('default'), ...extraCas] }) } : {}),
    },
    connections: settings.connections,
    keepAliveTimeout: 10_000,
    // undici offers h2 by default; false keeps every connection on HTTP/1.1.
    allowH2: settings.http2,
  });
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;

/** The certificates of a PEM file, each checked, or the StartupError naming what is wrong. */
export function readCaFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new StartupError(`UPSTREAM_CA_FILE ${path}: cannot be read (${code})`, { cause: error });
  }
  const certificates = text.match(PEM_CERTIFICATE) ?? [];
  if (certificates.length === 0) throw new StartupError(`UPSTREAM_CA_FILE ${path}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  certificates.forEach((pem, index) => {
    try {
      new X509Certificate(pem);
    } catch (error) {
      throw new StartupError(`UPSTREAM_CA_FILE ${path}: certificate ${index + 1} is not a valid X.509 certificate`, { cause: error });
    }
  });
  return certificates;
}

import { X509Certificate, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// A self-signed certificate for the simulator's TLS mode, made at start-up with node:crypto
// alone: a fresh P-256 key and a minimal X.509 v3 certificate for localhost and the loopback
// addresses, DER-encoded here. Nothing to commit (no private key in the repository, no fixture
// that expires); a client trusts this run's certificate by its PEM (`simulator.tls.ca`).

/** The certificate and key a TLS simulator serves with; `cert` is also what clients trust. */
export interface TlsIdentity {
  /** PEM of the self-signed certificate: the CA to trust (e.g. the gateway's `UPSTREAM_CA_FILE`). */
  cert: string;
  /** PEM (PKCS#8) of its private key. */
  key: string;
}

/** Names the generated certificate is valid for. */
export const TLS_NAMES = { dns: ['localhost'], ip: ['127.0.0.1', '::1'] } as const;

const DAY_MS = 86_400_000;

// DER: tag, length, contents.
function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length;
  let head: Buffer;
  if (length < 0x80) head = Buffer.from([tag, length]);
  else if (length < 0x100) head = Buffer.from([tag, 0x81, length]);
  else if (length < 0x10000) head = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  else throw new RangeError('DER element too long for this encoder');
  return Buffer.concat([head, body]);
}

const sequence = (...parts: Buffer[]): Buffer => der(0x30, ...parts);

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

/** An INTEGER from big-endian bytes whose first byte is 0x01–0x7f (positive and minimal). */
function integer(bytes: Buffer): Buffer {
  return der(0x02, bytes);
}

/** GeneralizedTime (valid for every year, unlike UTCTime). */
function time(ms: number): Buffer {
  const text = new Date(ms).toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}/, '');
  return der(0x18, Buffer.from(text, 'ascii'));
}

function ipBytes(address: string): Buffer {
  if (address.includes(':')) {
    // Only the forms listed in TLS_NAMES: `::1`.
    const bytes = Buffer.alloc(16);
    bytes[15] = Number(address.split(':').at(-1));
    return bytes;
  }
  return Buffer.from(address.split('.').map(Number));
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/**
 * A fresh key and a certificate valid from a day before `now` for `validDays`, for the names in
 * {@link TLS_NAMES}. Marked as a CA (basicConstraints) so that clients may use it as their
 * trust anchor directly.
 */
export function createTlsIdentity(options: { now?: number; validDays?: number } = {}): TlsIdentity {
  const now = options.now ?? Date.now();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from('treeherder simulator (localhost)', 'utf8')))));
  const altNames = sequence(
    ...TLS_NAMES.dns.map((host) => der(0x82, Buffer.from(host, 'ascii'))),
    ...TLS_NAMES.ip.map((address) => der(0x87, ipBytes(address))),
  );
  const extensions = der(
    0xa3,
    sequence(
      sequence(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, sequence(der(0x01, Buffer.from([0xff]))))),
      sequence(oid('2.5.29.17'), der(0x04, altNames)),
    ),
  );
  // First byte 0x40–0x7f: positive, minimal (DER refuses a needless leading zero), 16 bytes.
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x3f) | 0x40;
  const tbs = sequence(
    der(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(time(now - DAY_MS), time(now + (options.validDays ?? 3650) * DAY_MS)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), signature));
  const cert = toPem('CERTIFICATE', certificate);
  // Fails here, not in a client's handshake, if the encoding were ever wrong.
  if (!new X509Certificate(cert).verify(publicKey as KeyObject)) throw new Error('generated certificate does not verify');
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function toPem(label: string, body: Buffer): string {
  const base64 = body.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

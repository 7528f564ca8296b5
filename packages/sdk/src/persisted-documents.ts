import { print, type DocumentNode } from 'graphql';
import * as operations from './operations.generated.js';

// The text a client sends and the hash it is known by: graphql-js `print`, then SHA-256 with
// WebCrypto. The gateway computes the same for its trusted documents.

export interface PersistedDocument {
  /** The document as sent over the wire (graphql-js `print`). */
  query: string;
  /** Hex SHA-256 of `query`: the `extensions.persistedQuery.sha256Hash` of APQ. */
  hash: string;
}

const cache = new WeakMap<DocumentNode, Promise<PersistedDocument>>();

/** The hex SHA-256 of a document's text, as automatic persisted queries define it. */
export async function sha256Hex(text: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new TypeError('Persisted queries need WebCrypto (crypto.subtle): a secure context in a browser, Node 20 or later');
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function toPersistedDocument(document: DocumentNode): Promise<PersistedDocument> {
  let persisted = cache.get(document);
  if (!persisted) {
    const query = print(document);
    persisted = sha256Hex(query).then((hash) => ({ query, hash }));
    cache.set(document, persisted);
  }
  return persisted;
}

/** The SDK's operations by hash: what a gateway in trusted-documents mode accepts. */
export async function persistedDocuments(): Promise<ReadonlyMap<string, string>> {
  const documents = Object.entries(operations)
    .filter(([name]) => name.endsWith('Document'))
    .map(([, document]) => toPersistedDocument(document as DocumentNode));
  return new Map((await Promise.all(documents)).map(({ hash, query }) => [hash, query] as const));
}

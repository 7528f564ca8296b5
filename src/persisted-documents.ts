import { createHash } from 'node:crypto';
import { print, type DocumentNode } from 'graphql';
import * as operations from './operations.generated.js';

// The text a client sends and the hash it is known by, as the gateway's trusted-documents
// mode and GraphiQL's tabs compute them: graphql-js `print`, then SHA-256. The SDK package
// (packages/sdk) computes the same with WebCrypto; test/sdk-package.test.ts checks that both
// give every operation the same hash.

export interface PersistedDocument {
  /** The document as sent over the wire (graphql-js `print`). */
  query: string;
  /** Hex SHA-256 of `query`: the `extensions.persistedQuery.sha256Hash` of APQ. */
  hash: string;
}

const cache = new WeakMap<DocumentNode, PersistedDocument>();

/** The hex SHA-256 of a document's text, as automatic persisted queries define it. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function toPersistedDocument(document: DocumentNode): PersistedDocument {
  let persisted = cache.get(document);
  if (!persisted) {
    const query = print(document);
    persisted = { query, hash: sha256Hex(query) };
    cache.set(document, persisted);
  }
  return persisted;
}

/** The SDK's operations by hash: everything the gateway accepts in trusted-documents mode. */
export const persistedDocuments: ReadonlyMap<string, string> = new Map(
  Object.entries(operations)
    .filter(([name]) => name.endsWith('Document'))
    .map(([, document]) => {
      const { hash, query } = toPersistedDocument(document as DocumentNode);
      return [hash, query] as const;
    }),
);

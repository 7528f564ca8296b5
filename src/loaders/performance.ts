import DataLoader from 'dataloader';
import { batchMany, batchOne, repeatedItem } from '../batch.js';
import { estimateBytes } from '../treeherder/cache.js';
import type { QueryParams } from '../treeherder/http.js';
import type { PerformanceDatum, PerformanceSignature } from '../treeherder/types.js';
import type { LoaderContext, RepositoryKey } from './common.js';

export interface SignatureHashKey {
  repository: string;
  hash: string;
}

/** A series' data in one time window; series of a repository and window share requests. */
export interface SeriesKey {
  repository: string;
  signatureId: number;
  signatureHash: string;
  /** The window and retrigger parameters, identical for every key of a group. */
  params: ReadonlyArray<readonly [string, string | number]>;
}

export interface ParentKey {
  repository: string;
  parentHash: string;
}

export interface PerformanceLoaders {
  signature: DataLoader<RepositoryKey, PerformanceSignature | null, number>;
  signatureByHash: DataLoader<SignatureHashKey, PerformanceSignature | null, string>;
  series: DataLoader<SeriesKey, PerformanceDatum[], string>;
  subtests: DataLoader<ParentKey, PerformanceSignature[], string>;
  /** Seeds the signature caches (by id and by hash) with signatures a listing already returned. */
  primeSignatures(signatures: readonly PerformanceSignature[]): void;
  /** `GET /api/project/{repo}/performance/signatures/` with filters (shared for the reference TTL). */
  signatureList(repository: string, params: QueryParams): Promise<PerformanceSignature[]>;
}

export function createPerformanceLoaders({ api, shared }: LoaderContext): PerformanceLoaders {
  const signature = new DataLoader<RepositoryKey, PerformanceSignature | null, number>(
    // GET /api/project/{repo}/performance/signatures/?id=1&id=2 (repeated), keyed by id.
    (keys) =>
      batchOne(keys, {
        groupOf: (key) => key.repository,
        idOf: (key) => key.id,
        limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('id') },
        fetch: async (repository, ids) => {
          const found = await api.signatures(repository, ids.map((id) => ['id', id] as const));
          // By hash too: a subtest's parent is often among the signatures just loaded.
          for (const item of found) signatureByHash.prime({ repository: item.repository, hash: item.signatureHash }, item);
          return found;
        },
        rowId: (found) => found.id,
      }),
    { cacheKeyFn: (key) => key.id },
  );

  const signatureByHash = new DataLoader<SignatureHashKey, PerformanceSignature | null, string>(
    // GET /api/project/{repo}/performance/signatures/?signature=<hash>&signature=… (repeated).
    (keys) =>
      batchOne(keys, {
        groupOf: (key) => key.repository,
        idOf: (key) => key.hash,
        limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('signature') },
        fetch: async (repository, hashes) => {
          const found = await api.signatures(repository, hashes.map((hash) => ['signature', hash] as const));
          primeSignatures(found);
          return found;
        },
        rowId: (found) => found.signatureHash,
      }),
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.hash}` },
  );

  function primeSignatures(signatures: readonly PerformanceSignature[]): void {
    for (const item of signatures) {
      signature.prime({ repository: item.repository, id: item.id }, item);
      signatureByHash.prime({ repository: item.repository, hash: item.signatureHash }, item);
    }
  }

  return {
    signature,
    signatureByHash,
    primeSignatures,

    series: new DataLoader<SeriesKey, PerformanceDatum[], string>(
      // GET /api/project/{repo}/performance/data/?signature_id=1&signature_id=2 (repeated),
      // one request per repository and window. The answer is keyed by signature *hash*:
      // the keys of the chunk bridge it back to the ids that were asked for.
      (keys) => {
        const hashById = new Map(keys.map((key) => [key.signatureId, key.signatureHash]));
        return batchMany(keys, {
          groupOf: (key) => JSON.stringify([key.repository, key.params]),
          idOf: (key) => key.signatureId,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('signature_id') },
          fetch: async (group, ids) => {
            const [repository, params] = JSON.parse(group) as [string, Array<[string, string | number]>];
            const byHash = await api.performanceData(repository, [...ids.map((id) => ['signature_id', id] as const), ...params]);
            return ids.flatMap((id) => (byHash.get(hashById.get(id)!) ?? []).map((point) => ({ id, point })));
          },
          rowId: (row) => row.id,
        }).then((results) => results.map((rows) => (rows instanceof Error ? rows : rows.map((row) => row.point))));
      },
      { cacheKeyFn: (key) => JSON.stringify([key.repository, key.signatureId, key.params]) },
    ),

    subtests: new DataLoader<ParentKey, PerformanceSignature[], string>(
      // GET /api/project/{repo}/performance/signatures/?parent_signature=<hash>&… (repeated).
      (keys) =>
        batchMany(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.parentHash,
          limits: { maxItems: Number.POSITIVE_INFINITY, charsPerItem: repeatedItem('parent_signature') },
          fetch: async (repository, hashes) => {
            const found = await api.signatures(repository, hashes.map((hash) => ['parent_signature', hash] as const));
            primeSignatures(found);
            return found.filter((item) => item.parentSignatureHash !== null);
          },
          rowId: (item) => item.parentSignatureHash!,
        }),
      { cacheKeyFn: (key) => `${key.repository}\u0000${key.parentHash}` },
    ),

    async signatureList(repository, params) {
      // GET /api/project/{repo}/performance/signatures/ with the caller's filters.
      // Signatures change rarely (a new series, a changed alert setting): shared for the reference TTL.
      const key = `signatures:${repository}?${JSON.stringify(params)}`;
      await shared?.entities.warm([key]);
      const cached = shared?.entities.get<PerformanceSignature[]>(key);
      if (shared) shared.observe('signatures', cached ? 'hit' : 'miss');
      if (cached) return cached;
      const found = await api.signatures(repository, params);
      shared?.entities.set(key, found, estimateBytes(found), shared.settings.referenceTtlMs);
      return found;
    },
  };
}

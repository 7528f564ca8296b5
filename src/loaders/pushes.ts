import DataLoader from 'dataloader';
import { batchOne, csvItem } from '../batch.js';
import type { PushMapper } from '../mappers/push.mappers.js';
import { LIMITS } from '../treeherder/api.js';
import { estimateBytes } from '../treeherder/cache.js';
import type { DecisionTask, JobCounts, Push, PushNote } from '../treeherder/types.js';
import { byId, fanOut, toError, type LoaderContext, type RepositoryKey } from './common.js';

/** A push by id; `repository: null` when the caller does not know it (looked up across repositories). */
export interface PushKey {
  repository: string | null;
  id: number;
  /**
   * The caller named this repository and id (`Query.push`): the push must be looked up in
   * that repository, so a push of another one is not found. Ids that came from Treeherder
   * (an alert summary's push, a job's push) are fetched together across repositories.
   */
  fromCaller?: boolean;
}

export interface PushRevisionKey {
  repository: string;
  revision: string;
  /** `tip`: the push's own revision (prefix allowed); `commit`: any commit in it. */
  kind: 'tip' | 'commit';
}

export interface RevisionKey {
  repository: string;
  revision: string;
}

export interface PushLoaders {
  push: DataLoader<PushKey, PushMapper | null, number>;
  pushByRevision: DataLoader<PushRevisionKey, PushMapper | null, string>;
  pushStatus: DataLoader<RepositoryKey, JobCounts, number>;
  pushNotes: DataLoader<RevisionKey, PushNote[], string>;
  decisionTask: DataLoader<RepositoryKey, DecisionTask | null, number>;
  /** Seeds the push cache with pushes a listing already returned. */
  primePushes(pushes: readonly PushMapper[]): void;
}

/**
 * The `{repo}` segment of an `all_repos=true` push lookup. Treeherder ignores it then
 * (`PushViewSet.list` only reads it without `all_repos`), so no repository list is needed.
 */
export const ANY_REPOSITORY = 'mozilla-central';

/** A push as the shared cache keeps it: pushes never change; the repository is kept when known. */
interface CachedPush {
  push: Push;
  repositoryName: string | null;
}

const pushCacheKey = (id: number): string => `push:${id}`;
/** Roughly what one cached push costs (its 20 revisions dominate). */
const pushBytes = (push: Push): number => estimateBytes(push);

export function createPushLoaders({ api, shared, limit }: LoaderContext): PushLoaders {
  const push = new DataLoader<PushKey, PushMapper | null, number>(
    // GET /api/project/{repo}/push/?id__in=…&count=N (CSV; count is required: the default is 10).
    // Push ids are global: every push whose id came from Treeherder is fetched in one
    // all_repos=true request whatever its repository; only an id the caller named is looked
    // up in the repository the caller named. Pushes never change: they are shared by id.
    async (keys) => {
      await shared?.entities.warm(keys.map((key) => pushCacheKey(key.id)));
      const answers: Array<PushMapper | null | Error | undefined> = keys.map((key) => {
        const cached = shared?.entities.get<CachedPush>(pushCacheKey(key.id));
        const usable = cached && (key.repository === null || cached.repositoryName === key.repository);
        if (shared) shared.observe('push', usable ? 'hit' : 'miss');
        return usable ? { ...cached.push, repositoryName: key.repository ?? cached.repositoryName } : undefined;
      });
      const missing = keys.filter((_key, index) => answers[index] === undefined);
      const fetched = await batchOne(missing, {
        groupOf: (key) => (key.fromCaller ? (key.repository ?? '') : ''),
        idOf: (key) => key.id,
        limits: { maxItems: LIMITS.pushCount, charsPerItem: csvItem },
        fetch: (repository, ids) =>
          api.pushes(repository || ANY_REPOSITORY, [
            ['id__in', ids.join(',')],
            ['count', ids.length],
            ...(repository ? [] : ([['all_repos', 'true']] as const)),
          ]),
        rowId: (found) => found.id,
      });
      let next = 0;
      return answers.map((answer, index) => {
        if (answer !== undefined) return answer;
        const found = fetched[next++]!;
        if (found === null || found instanceof Error) return found;
        const repositoryName = keys[index]!.repository;
        shared?.entities.set(pushCacheKey(found.id), { push: found, repositoryName } satisfies CachedPush, pushBytes(found));
        return { ...found, repositoryName };
      });
    },
    { cacheKeyFn: (key) => key.id },
  );

  const pushByRevision = new DataLoader<PushRevisionKey, PushMapper | null, string>(
    // GET /api/project/{repo}/push/?revision=… (or commit_revision=…) has no batch form:
    // one request per revision.
    (keys) =>
      Promise.all(
        keys.map(async ({ repository, revision, kind }) => {
          // A full revision names one push for good; a prefix may match a later push too.
          const cacheKey = revision.length === 40 ? `revision:${repository}\u0000${kind}\u0000${revision}` : null;
          try {
            if (cacheKey !== null) await shared?.entities.warm([cacheKey]);
            const known = cacheKey === null ? undefined : shared?.entities.get<CachedPush>(cacheKey);
            if (cacheKey !== null && shared) shared.observe('push', known ? 'hit' : 'miss');
            const [found] = known
              ? [known.push]
              : await api.pushes(repository, [
                  [kind === 'tip' ? 'revision' : 'commit_revision', revision],
                  ['count', 1],
                ]);
            if (!found) return null;
            if (cacheKey !== null && !known) shared?.entities.set(cacheKey, { push: found, repositoryName: repository } satisfies CachedPush, pushBytes(found));
            const mapped: PushMapper = { ...found, repositoryName: repository };
            push.prime({ repository, id: found.id }, mapped);
            return mapped;
          } catch (error) {
            return toError(error);
          }
        }),
      ),
    { cacheKeyFn: (key) => `${key.repository}\u0000${key.kind}\u0000${key.revision}` },
  );

  return {
    push,
    pushByRevision,
    // GET /api/project/{repo}/push/{id}/status/: per push, no batch form.
    pushStatus: fanOut(limit, (key: RepositoryKey) => api.pushStatus(key.repository, key.id), byId),
    // GET /api/project/{repo}/note/push_notes/?revision=: per push, no batch form.
    pushNotes: fanOut(
      limit,
      (key: RevisionKey) => api.pushNotes(key.repository, key.revision),
      (key) => `${key.repository}\u0000${key.revision}`,
    ),
    decisionTask: new DataLoader<RepositoryKey, DecisionTask | null, number>(
      // GET /api/project/{repo}/push/decisiontask/?push_ids=1,2 (CSV), keyed by push id.
      (keys) =>
        batchOne(keys, {
          groupOf: (key) => key.repository,
          idOf: (key) => key.id,
          limits: { maxItems: LIMITS.pushCount, charsPerItem: csvItem },
          fetch: (repository, ids) => api.decisionTasks(repository, ids),
          rowId: (task) => task.pushId,
        }),
      { cacheKeyFn: byId },
    ),
    primePushes(pushes) {
      for (const found of pushes) {
        push.prime({ repository: found.repositoryName, id: found.id }, found);
        const { repositoryName, ...pushOnly } = found;
        shared?.entities.set(pushCacheKey(found.id), { push: pushOnly, repositoryName } satisfies CachedPush, pushBytes(pushOnly));
      }
    },
  };
}

import {
  BUG_SUBJECTS,
  COMM_DEVELOPERS,
  COMM_SUBJECTS,
  DEVELOPERS,
  RELEASE_MANAGERS,
  REVIEWERS,
  SHERIFFS,
  VPN_DEVELOPERS,
  VPN_SUBJECTS,
  type Person,
  type RepositorySpec,
} from './catalog.js';
import { createRandom, type Random } from './random.js';
import type { Commit } from './types.js';

/** A push before job ids are allocated. */
export interface PushDraft {
  repositoryId: number;
  repositoryName: string;
  revision: string;
  author: string;
  commits: Commit[];
  pushTimestamp: number;
  index: number;
}

function personAuthor(person: Person): string {
  return `${person.name} <${person.email}>`;
}

function bugNumber(rng: Random): number {
  return rng.int(1_900_000, 1_990_000);
}

function devCommit(rng: Random, person: Person, subjects: readonly string[]): Commit {
  const bug = bugNumber(rng);
  const reviewer = rng.pick(REVIEWERS);
  const revision = rng.int(180_000, 260_000);
  return {
    revision: rng.hex(40),
    author: personAuthor(person),
    comments: `Bug ${bug} - ${rng.pick(subjects)}. r=${reviewer}\n\nDifferential Revision: https://phabricator.services.mozilla.com/D${revision}`,
  };
}

/** How many commits a push carries; merges are big, try stacks occasionally are. */
function commitCount(rng: Random, spec: RepositorySpec, max: number): number {
  let n: number;
  switch (spec.pushStyle) {
    case 'central':
      n = rng.int(Math.min(15, max), max);
      break;
    case 'try':
      n = rng.weighted([1, 2, 3, 4, 6, 9, 24], [22, 25, 18, 12, 10, 8, 5]);
      break;
    case 'integration':
      n = rng.weighted([1, 2, 3, 5, 8], [45, 25, 15, 10, 5]);
      break;
    case 'release':
      n = rng.weighted([1, 2, 4, 8, 22], [35, 25, 20, 15, 5]);
      break;
    default:
      n = rng.int(1, 3);
  }
  return Math.max(1, Math.min(n, max));
}

function makePushContent(
  rng: Random,
  spec: RepositorySpec,
  maxCommits: number,
): { author: string; commits: Commit[] } {
  const count = commitCount(rng, spec, maxCommits);
  const commits: Commit[] = [];
  switch (spec.pushStyle) {
    case 'try': {
      if (rng.chance(0.08)) {
        // Code-review bot pushes: commits are attributed to the pulse listener.
        const diff = `PHID-DIFF-${rng.hex(20).replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'a')}`;
        for (let i = 0; i < count - 1; i++) {
          const c = devCommit(rng, rng.pick(DEVELOPERS), BUG_SUBJECTS);
          commits.push({ ...c, author: 'pulselistener', comments: `${c.comments}\nDifferential Diff: ${diff}` });
        }
        commits.push({
          revision: rng.hex(40),
          author: 'pulselistener',
          comments: `try_task_config for code-review\nDifferential Diff: ${diff}`,
        });
        return { author: 'reviewbot', commits };
      }
      const dev = rng.pick(DEVELOPERS);
      for (let i = 0; i < count - 1; i++) commits.push(devCommit(rng, dev, BUG_SUBJECTS));
      const tip = rng.chance(0.6)
        ? `Fuzzy query=${rng.pick(["'mochitest-browser-chrome", "'xpcshell", "'web-platform-tests", "'talos", "'browsertime 'amazon"])}&query=${rng.pick(["'linux", "'windows", "'macosx"])}`
        : `try_task_config for https://phabricator.services.mozilla.com/D${rng.int(180_000, 260_000)}`;
      commits.push({ revision: rng.hex(40), author: personAuthor(dev), comments: tip });
      return { author: dev.email, commits };
    }
    case 'integration': {
      const dev = rng.pick(DEVELOPERS);
      if (rng.chance(0.05)) {
        const sheriff = rng.pick(SHERIFFS);
        commits.push({
          revision: rng.hex(40),
          author: personAuthor(sheriff),
          comments: `Backed out changeset ${rng.hex(12)} (bug ${bugNumber(rng)}) for causing ${rng.pick(['mochitest', 'xpcshell', 'wpt', 'build bustages', 'reftest'])} failures. CLOSED TREE`,
        });
        return { author: sheriff.email, commits };
      }
      for (let i = 0; i < count; i++) commits.push(devCommit(rng, dev, BUG_SUBJECTS));
      return { author: dev.email, commits };
    }
    case 'central': {
      const sheriff = rng.pick(SHERIFFS);
      for (let i = 0; i < count - 1; i++) commits.push(devCommit(rng, rng.pick(DEVELOPERS), BUG_SUBJECTS));
      commits.push({
        revision: rng.hex(40),
        author: personAuthor(sheriff),
        comments: 'Merge autoland to mozilla-central. a=merge',
      });
      return { author: sheriff.email, commits };
    }
    case 'release': {
      const manager = rng.pick(RELEASE_MANAGERS);
      for (let i = 0; i < count; i++) {
        const c = devCommit(rng, rng.pick(DEVELOPERS), BUG_SUBJECTS);
        const approver = manager.email.split('@')[0] ?? 'release';
        commits.push({ ...c, comments: c.comments.replace(/\n\n/, ` a=${approver}\n\n`) });
      }
      return { author: manager.email, commits };
    }
    case 'comm': {
      const dev = rng.pick(COMM_DEVELOPERS);
      for (let i = 0; i < count; i++) commits.push(devCommit(rng, dev, COMM_SUBJECTS));
      return { author: dev.email, commits };
    }
    case 'git': {
      const dev = rng.pick(VPN_DEVELOPERS);
      for (let i = 0; i < count - 1; i++) {
        commits.push({ revision: rng.hex(40), author: personAuthor(dev), comments: rng.pick(VPN_SUBJECTS) });
      }
      commits.push({
        revision: rng.hex(40),
        author: personAuthor(dev),
        comments: `Merge pull request #${rng.int(9000, 10500)} from mozilla-mobile/${rng.pick(['fix', 'feat', 'chore'])}-${rng.hex(6)}\n\n${rng.pick(VPN_SUBJECTS)}`,
      });
      return { author: dev.email, commits };
    }
  }
}

/**
 * Pushes of one repository, oldest first. Times go back from the anchor: the newest push is
 * roughly `newestPushAgeMinutes` old and gaps are exponential around `pushIntervalMinutes`.
 */
export function generateRepositoryPushes(
  seed: number,
  spec: RepositorySpec,
  count: number,
  maxCommits: number,
  nowMs: number,
): PushDraft[] {
  const timeRng = createRandom(seed, 'push-times', spec.name);
  const times: number[] = [];
  let t = Math.floor(nowMs / 1000) - Math.round(spec.newestPushAgeMinutes * 60 * (0.5 + timeRng.next()));
  for (let i = 0; i < count; i++) {
    times.push(t);
    t -= Math.max(45, Math.round(timeRng.exponential(spec.pushIntervalMinutes * 60)));
  }
  times.reverse();
  const drafts: PushDraft[] = [];
  for (let index = 0; index < count; index++) {
    const rng = createRandom(seed, 'push', spec.name, index);
    const { author, commits } = makePushContent(rng, spec, maxCommits);
    const tip = commits[commits.length - 1];
    if (!tip) throw new Error('push without commits');
    drafts.push({
      repositoryId: spec.id,
      repositoryName: spec.name,
      revision: tip.revision,
      author,
      commits,
      pushTimestamp: times[index] ?? 0,
      index,
    });
  }
  return drafts;
}

/** The push a live simulator adds to a repository: position `index`, pushed at `pushTimestamp`. */
export function livePushDraft(seed: number, spec: RepositorySpec, index: number, maxCommits: number, pushTimestamp: number): PushDraft {
  const rng = createRandom(seed, 'push', spec.name, index);
  const { author, commits } = makePushContent(rng, spec, maxCommits);
  const tip = commits[commits.length - 1];
  if (!tip) throw new Error('push without commits');
  return { repositoryId: spec.id, repositoryName: spec.name, revision: tip.revision, author, commits, pushTimestamp, index };
}

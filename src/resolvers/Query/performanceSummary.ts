import { badUserInput } from '../../errors.js';
import { toWindow } from '../../perf-window.js';
import { optionalInt, positiveId, repositoryName, revision } from '../../validate.js';
import type { QueryResolvers } from './../../types.generated.js';

export const performanceSummary: NonNullable<QueryResolvers['performanceSummary']> = (_parent, args, ctx) => {
  const params: Array<[string, string | number]> = [['repository', repositoryName('repository', args.repository)]];
  const framework = optionalInt('framework', args.framework, 1, 1_000_000);
  if (framework !== null) params.push(['framework', framework]);
  if (args.signature != null) params.push(['signature', positiveId('signature', args.signature)]);
  if (args.parentSignature != null) params.push(['parent_signature', positiveId('parentSignature', args.parentSignature)]);
  if (args.revision != null) {
    if (args.interval != null || args.startDate != null || args.endDate != null) {
      throw badUserInput('revision', 'Give revision alone, without interval or startDate/endDate.');
    }
    params.push(['revision', revision('revision', args.revision)]);
  } else {
    params.push(...toWindow(args, { start: 'startday', end: 'endday' }));
  }
  if (args.allData) {
    if (args.signature == null) throw badUserInput('allData', 'allData needs a signature.');
    params.push(['all_data', 'true']);
  }
  if (args.noRetriggers) params.push(['no_retriggers', 'true']);
  // Treeherder's trap: without `signature`, an absent no_subtests means "only subtests".
  // The graph's default is the top-level series; includeSubtests asks for the subtests.
  params.push(['no_subtests', args.includeSubtests ? 'false' : 'true']);
  return ctx.api.performanceSummary(params);
};

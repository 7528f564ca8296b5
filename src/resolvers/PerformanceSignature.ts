import { frameworkOf, requireRepository } from '../reference.js';
import { toWindow } from '../perf-window.js';
import { optionalInt } from '../validate.js';
import { ErrorCode, UpstreamError } from '../errors.js';
import { fieldOf, type AnyShape } from '../partial.js';
import type { GatewayContext } from '../context.js';
import type { AnySignature, PerformanceSignature as Signature } from '../treeherder/types.js';
import type { PerformanceSignatureResolvers } from './../types.generated.js';

/**
 * The signature's repository: carried by most shapes; a related alert's signature reads it
 * off the alert's own summary (`alertsummary/{id}/`, no batch form; free when the summary is
 * already in the request, e.g. on the same page).
 */
async function repositoryOf(signature: AnySignature, ctx: GatewayContext): Promise<string> {
  if (!('ownerSummaryId' in signature)) return signature.repository;
  const owner = await ctx.loaders.alertSummary.load(signature.ownerSummaryId);
  if (!owner) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder no longer has alert summary ${signature.ownerSummaryId}.`, 404);
  return owner.repository;
}

/**
 * The full signature, for a field the signature's shape lacks: one batched
 * `signatures/?id=…` request per repository, shared by every signature of the request.
 */
const complete = (signature: AnySignature, ctx: GatewayContext) => async (): Promise<Signature> => {
  const repository = await repositoryOf(signature, ctx);
  const full = await ctx.loaders.signature.load({ repository, id: signature.id });
  if (!full) throw new UpstreamError(ErrorCode.UPSTREAM_NOT_FOUND, `Treeherder no longer has signature ${signature.id} in ${repository}.`, 404);
  return full;
};

const field =
  <F extends keyof Signature>(name: F) =>
  (signature: AnySignature, _args: unknown, ctx: GatewayContext) =>
    fieldOf<Signature, keyof Signature, F>(signature as AnyShape<Signature, keyof Signature>, name, complete(signature, ctx));

export const PerformanceSignature: PerformanceSignatureResolvers = {
  // Not in every shape (an alert's signature lacks them): from the full signature when so.
  application: field('application'),
  shouldAlert: field('shouldAlert'),
  repository: async (signature, _args, ctx) => requireRepository(ctx, { name: await repositoryOf(signature, ctx) }),
  framework: (signature, _args, ctx) => frameworkOf(ctx, signature.frameworkId),
  options: async (signature, _args, ctx) =>
    (await ctx.loaders.optionCollections()).find((collection) => collection.hash === signature.optionCollectionHash)?.options ?? [],
  parent: async (signature, _args, ctx) => {
    const parentHash = await field('parentSignatureHash')(signature, null, ctx);
    return parentHash === null ? null : ctx.loaders.signatureByHash.load({ repository: await repositoryOf(signature, ctx), hash: parentHash });
  },
  subtests: async (signature, _args, ctx) =>
    signature.hasSubtests ? ctx.loaders.subtests.load({ repository: await repositoryOf(signature, ctx), parentHash: signature.signatureHash }) : [],
  series: async (signature, args, ctx) => {
    const params = toWindow(args, { start: 'start_date', end: 'end_date' });
    if (args.noRetriggers) params.push(['no_retriggers', 'true']);
    const last = optionalInt('last', args.last, 1, 10_000);
    const points = await ctx.loaders.series.load({
      repository: await repositoryOf(signature, ctx),
      signatureId: signature.id,
      signatureHash: signature.signatureHash,
      params,
    });
    const ordered = [...points].sort((a, b) => a.pushTimestamp.localeCompare(b.pushTimestamp) || a.id - b.id);
    return last === null ? ordered : ordered.slice(-last);
  },
};

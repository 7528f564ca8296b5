import { listPushes } from '../../push-list.js';
import type { QueryResolvers } from './../../types.generated.js';

export const pushes: NonNullable<QueryResolvers['pushes']> = (_parent, args, ctx) => listPushes(args, ctx);

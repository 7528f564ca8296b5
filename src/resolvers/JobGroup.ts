import { jobDetail } from '../job-access.js';
import type { JobGroupResolvers } from './../types.generated.js';

export const JobGroup: JobGroupResolvers = {
  description: async ({ job }, _args, ctx) => (await jobDetail(job, ctx)).jobGroupDescription,
};

import { jobDetail } from '../job-access.js';
import type { JobTypeResolvers } from './../types.generated.js';

export const JobType: JobTypeResolvers = {
  description: async ({ job }, _args, ctx) => (await jobDetail(job, ctx)).jobTypeDescription,
};

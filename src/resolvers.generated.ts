/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.js';
    import    { job as Query_job } from './resolvers/Query/job.js';
import    { jobs as Query_jobs } from './resolvers/Query/jobs.js';
import    { performanceFrameworks as Query_performanceFrameworks } from './resolvers/Query/performanceFrameworks.js';
import    { performanceSignature as Query_performanceSignature } from './resolvers/Query/performanceSignature.js';
import    { performanceSignatures as Query_performanceSignatures } from './resolvers/Query/performanceSignatures.js';
import    { push as Query_push } from './resolvers/Query/push.js';
import    { pushes as Query_pushes } from './resolvers/Query/pushes.js';
import    { repositories as Query_repositories } from './resolvers/Query/repositories.js';
import    { repository as Query_repository } from './resolvers/Query/repository.js';
import    { Job } from './resolvers/Job.js';
import    { JobConnection } from './resolvers/JobConnection.js';
import    { JobEdge } from './resolvers/JobEdge.js';
import    { JobGroup } from './resolvers/JobGroup.js';
import    { JobLog } from './resolvers/JobLog.js';
import    { JobType } from './resolvers/JobType.js';
import    { PageInfo } from './resolvers/PageInfo.js';
import    { PerformanceFramework } from './resolvers/PerformanceFramework.js';
import    { PerformanceSignature } from './resolvers/PerformanceSignature.js';
import    { Push } from './resolvers/Push.js';
import    { PushConnection } from './resolvers/PushConnection.js';
import    { PushEdge } from './resolvers/PushEdge.js';
import    { Repository } from './resolvers/Repository.js';
import    { Revision } from './resolvers/Revision.js';
import    { DateTime } from './resolvers/DateTime.js';
    export const resolvers: Resolvers = {
      Query: { job: Query_job,jobs: Query_jobs,performanceFrameworks: Query_performanceFrameworks,performanceSignature: Query_performanceSignature,performanceSignatures: Query_performanceSignatures,push: Query_push,pushes: Query_pushes,repositories: Query_repositories,repository: Query_repository },
      
      
      Job: Job,
JobConnection: JobConnection,
JobEdge: JobEdge,
JobGroup: JobGroup,
JobLog: JobLog,
JobType: JobType,
PageInfo: PageInfo,
PerformanceFramework: PerformanceFramework,
PerformanceSignature: PerformanceSignature,
Push: Push,
PushConnection: PushConnection,
PushEdge: PushEdge,
Repository: Repository,
Revision: Revision,
DateTime: DateTime
    }
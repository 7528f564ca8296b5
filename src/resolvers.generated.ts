/* This file was automatically generated. DO NOT UPDATE MANUALLY. */
    import type   { Resolvers } from './types.generated.js';
    import    { alertSummaries as Query_alertSummaries } from './resolvers/Query/alertSummaries.js';
import    { alertSummary as Query_alertSummary } from './resolvers/Query/alertSummary.js';
import    { failureClassifications as Query_failureClassifications } from './resolvers/Query/failureClassifications.js';
import    { job as Query_job } from './resolvers/Query/job.js';
import    { jobSearch as Query_jobSearch } from './resolvers/Query/jobSearch.js';
import    { jobs as Query_jobs } from './resolvers/Query/jobs.js';
import    { machinePlatforms as Query_machinePlatforms } from './resolvers/Query/machinePlatforms.js';
import    { optionCollections as Query_optionCollections } from './resolvers/Query/optionCollections.js';
import    { perfCompare as Query_perfCompare } from './resolvers/Query/perfCompare.js';
import    { performanceFrameworks as Query_performanceFrameworks } from './resolvers/Query/performanceFrameworks.js';
import    { performancePlatforms as Query_performancePlatforms } from './resolvers/Query/performancePlatforms.js';
import    { performanceSignature as Query_performanceSignature } from './resolvers/Query/performanceSignature.js';
import    { performanceSignatures as Query_performanceSignatures } from './resolvers/Query/performanceSignatures.js';
import    { performanceSummary as Query_performanceSummary } from './resolvers/Query/performanceSummary.js';
import    { performanceTags as Query_performanceTags } from './resolvers/Query/performanceTags.js';
import    { push as Query_push } from './resolvers/Query/push.js';
import    { pushes as Query_pushes } from './resolvers/Query/pushes.js';
import    { repositories as Query_repositories } from './resolvers/Query/repositories.js';
import    { repository as Query_repository } from './resolvers/Query/repository.js';
import    { alertSummaryCreated as Subscription_alertSummaryCreated } from './resolvers/Subscription/alertSummaryCreated.js';
import    { jobsChanged as Subscription_jobsChanged } from './resolvers/Subscription/jobsChanged.js';
import    { pushCreated as Subscription_pushCreated } from './resolvers/Subscription/pushCreated.js';
import    { Alert } from './resolvers/Alert.js';
import    { AlertSummary } from './resolvers/AlertSummary.js';
import    { AlertSummaryConnection } from './resolvers/AlertSummaryConnection.js';
import    { AlertSummaryEdge } from './resolvers/AlertSummaryEdge.js';
import    { Assignee } from './resolvers/Assignee.js';
import    { Bug } from './resolvers/Bug.js';
import    { BugSuggestion } from './resolvers/BugSuggestion.js';
import    { DecisionTask } from './resolvers/DecisionTask.js';
import    { FailureClassification } from './resolvers/FailureClassification.js';
import    { Job } from './resolvers/Job.js';
import    { JobBugLink } from './resolvers/JobBugLink.js';
import    { JobConnection } from './resolvers/JobConnection.js';
import    { JobCounts } from './resolvers/JobCounts.js';
import    { JobEdge } from './resolvers/JobEdge.js';
import    { JobGroup } from './resolvers/JobGroup.js';
import    { JobLog } from './resolvers/JobLog.js';
import    { JobNote } from './resolvers/JobNote.js';
import    { JobType } from './resolvers/JobType.js';
import    { MachinePlatform } from './resolvers/MachinePlatform.js';
import    { OptionCollection } from './resolvers/OptionCollection.js';
import    { PageInfo } from './resolvers/PageInfo.js';
import    { PerfCompareRow } from './resolvers/PerfCompareRow.js';
import    { PerformanceDatum } from './resolvers/PerformanceDatum.js';
import    { PerformanceFramework } from './resolvers/PerformanceFramework.js';
import    { PerformanceSeries } from './resolvers/PerformanceSeries.js';
import    { PerformanceSignature } from './resolvers/PerformanceSignature.js';
import    { PerformanceSummaryPoint } from './resolvers/PerformanceSummaryPoint.js';
import    { PerformanceTag } from './resolvers/PerformanceTag.js';
import    { Push } from './resolvers/Push.js';
import    { PushConnection } from './resolvers/PushConnection.js';
import    { PushEdge } from './resolvers/PushEdge.js';
import    { PushNote } from './resolvers/PushNote.js';
import    { Repository } from './resolvers/Repository.js';
import    { ResultCount } from './resolvers/ResultCount.js';
import    { Revision } from './resolvers/Revision.js';
import    { TaskclusterMetadata } from './resolvers/TaskclusterMetadata.js';
import    { TextLogError } from './resolvers/TextLogError.js';
import    { DateTime } from './resolvers/DateTime.js';
    export const resolvers: Resolvers = {
      Query: { alertSummaries: Query_alertSummaries,alertSummary: Query_alertSummary,failureClassifications: Query_failureClassifications,job: Query_job,jobSearch: Query_jobSearch,jobs: Query_jobs,machinePlatforms: Query_machinePlatforms,optionCollections: Query_optionCollections,perfCompare: Query_perfCompare,performanceFrameworks: Query_performanceFrameworks,performancePlatforms: Query_performancePlatforms,performanceSignature: Query_performanceSignature,performanceSignatures: Query_performanceSignatures,performanceSummary: Query_performanceSummary,performanceTags: Query_performanceTags,push: Query_push,pushes: Query_pushes,repositories: Query_repositories,repository: Query_repository },
      
      Subscription: { alertSummaryCreated: Subscription_alertSummaryCreated,jobsChanged: Subscription_jobsChanged,pushCreated: Subscription_pushCreated },
      Alert: Alert,
AlertSummary: AlertSummary,
AlertSummaryConnection: AlertSummaryConnection,
AlertSummaryEdge: AlertSummaryEdge,
Assignee: Assignee,
Bug: Bug,
BugSuggestion: BugSuggestion,
DecisionTask: DecisionTask,
FailureClassification: FailureClassification,
Job: Job,
JobBugLink: JobBugLink,
JobConnection: JobConnection,
JobCounts: JobCounts,
JobEdge: JobEdge,
JobGroup: JobGroup,
JobLog: JobLog,
JobNote: JobNote,
JobType: JobType,
MachinePlatform: MachinePlatform,
OptionCollection: OptionCollection,
PageInfo: PageInfo,
PerfCompareRow: PerfCompareRow,
PerformanceDatum: PerformanceDatum,
PerformanceFramework: PerformanceFramework,
PerformanceSeries: PerformanceSeries,
PerformanceSignature: PerformanceSignature,
PerformanceSummaryPoint: PerformanceSummaryPoint,
PerformanceTag: PerformanceTag,
Push: Push,
PushConnection: PushConnection,
PushEdge: PushEdge,
PushNote: PushNote,
Repository: Repository,
ResultCount: ResultCount,
Revision: Revision,
TaskclusterMetadata: TaskclusterMetadata,
TextLogError: TextLogError,
DateTime: DateTime
    }
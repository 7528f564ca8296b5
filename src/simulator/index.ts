/**
 * An offline, Treeherder-compatible HTTP server with deterministic generated data, for demos and
 * end-to-end tests of the gateway. See `createSimulator`.
 */
export { createSimulator } from './server.js';
export { DEFAULT_SCALE } from './model.js';
export { FAULT_KINDS, FaultRuleError, parseFaultRules } from './faults.js';
export type { FaultKind, FaultRule, FaultRuleStatus } from './faults.js';
export type {
  Bug,
  BugJobMapEntry,
  Commit,
  HawkCredential,
  Job,
  JobKind,
  JobLogUrl,
  JobNote,
  JobState,
  MachinePlatform,
  OptionCollection,
  PerformanceAlert,
  PerformanceAlertSummary,
  PerformanceDatum,
  PerformanceSignature,
  Push,
  Repository,
  RequestLogEntry,
  Simulator,
  SimulatorData,
  SimulatorOptions,
  SimulatorScale,
  TextLogError,
} from './types.js';

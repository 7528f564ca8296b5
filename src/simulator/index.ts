/**
 * An offline, Treeherder-compatible HTTP server with deterministic generated data, for demos and
 * end-to-end tests of the gateway. See `createSimulator`.
 */
export { createSimulator } from './server.js';
export { DEFAULT_SCALE } from './model.js';
export { FAULT_KINDS, FaultRuleError, parseFaultRules } from './faults.js';
export { createTlsIdentity, type TlsIdentity } from './tls.js';
export type { FaultKind, FaultRule, FaultRuleStatus } from './faults.js';
export type {
  Bug,
  BugJobMapEntry,
  Commit,
  ConnectionCounts,
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

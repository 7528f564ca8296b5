import type { Alert, AlertSummary, PerfCompareRow } from '../treeherder/types.js';

export type AlertSummaryMapper = AlertSummary;
export type AlertMapper = Alert;
export type PerfCompareRowMapper = PerfCompareRow;

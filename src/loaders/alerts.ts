import type DataLoader from 'dataloader';
import type { AlertSummary } from '../treeherder/types.js';
import { fanOut, type LoaderContext } from './common.js';

export interface AlertLoaders {
  alertSummary: DataLoader<number, AlertSummary | null>;
}

export function createAlertLoaders({ api, limit }: LoaderContext): AlertLoaders {
  return {
    // GET /api/performance/alertsummary/{id}/: no batch form (`id=` takes one value).
    alertSummary: fanOut(limit, (id: number) => api.alertSummary(id), (id) => id),
  };
}

import type { RepairStore } from '../domain/ports/repair-store.js';
import type { RepairSettings } from '../domain/repair/repair-model.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import type { OperationDeps } from './cluster-api-deps.js';

/** What the repair API and the repair timer need, built once by the composition root. */
export interface RepairApiDeps extends OperationDeps {
  repairs: RepairStore;
  /** A cluster's repair settings: its spec's `schedules.repair` with the defaults applied. */
  settingsOf: (spec: ClusterSpec) => RepairSettings;
  newId: () => string;
}

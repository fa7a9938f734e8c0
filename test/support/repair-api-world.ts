import { InMemoryRepairStore } from '../../shared/adapters/memory/in-memory-repair-store.js';
import { InMemoryStateStore } from '../../shared/adapters/memory/in-memory-state-store.js';
import type { RepairApiDeps } from '../../shared/api/repair-api-deps.js';
import type { InstanceState } from '../../shared/domain/operations/lease.js';
import type { ClusterRecord } from '../../shared/domain/state/state-records.js';
import { deploymentPlanFixture, validSpecFixture } from './deployment-plan-fixture.js';
import { REPAIR_SETTINGS } from './repair-fixtures.js';

/** When the world's clusters were created, and the clock's start. */
export const CLUSTERS_CREATED = '2026-01-01T00:00:00.000Z';

/**
 * The repair API on the in-memory twins (their contract suites cover them): clusters with the
 * fixture spec (keyspace customers_ks, the weekly repair schedule), an orchestration client whose
 * started instances run until a test says otherwise, and a clock tests move.
 */
export async function repairApiWorld(clusters: Partial<Record<string, ClusterRecord['state']>> = { orders: 'Ready' }) {
  const state = new InMemoryStateStore();
  const repairs = new InMemoryRepairStore();
  const started: { name: string; instanceId: string; input: unknown }[] = [];
  const raised: { instanceId: string; name: string; data: unknown }[] = [];
  const instances = new Map<string, InstanceState>();
  const clock = { now: Date.parse('2026-01-10T12:00:00.000Z') };
  let ids = 0;
  const deps: RepairApiDeps = {
    state, repairs, leaseTtlInMs: 60_000, settingsOf: () => REPAIR_SETTINGS,
    orchestrations: {
      start: async (name, instanceId, input) => { started.push({ name, instanceId, input }); instances.set(instanceId, 'Running'); },
      state: async (instanceId) => instances.get(instanceId) ?? 'NotFound',
      raiseEvent: async (instanceId, name, data) => { raised.push({ instanceId, name, data }); },
    },
    now: () => new Date(clock.now), newId: () => `run-${++ids}`,
  };
  for (const [name, clusterState] of Object.entries(clusters)) {
    await state.createCluster({ name, state: clusterState!, spec: validSpecFixture(1, 3, { name }), plan: deploymentPlanFixture(1, 3, { name }),
      lastOperationId: 'deploy-1', createdAt: CLUSTERS_CREATED, updatedAt: CLUSTERS_CREATED });
  }
  return { deps, state, repairs, started, raised, instances, clock };
}

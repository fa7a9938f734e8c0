import type { DrillRef, OperationOutcome, RecordDrillInput } from '../contracts/backup-io.js';
import type { DrillRecord } from '../domain/backup/backup-model.js';
import { readRestorableManifest, requireBackup } from '../domain/backup/read-backup.js';
import { compareRowCounts, type CountTaken } from '../domain/backup/sample-row-counts.js';
import type { ClusterSpec } from '../domain/spec/cluster-spec-schema.js';
import { OpsError } from '../errors/ops-error.js';
import { fail, ok, type Result } from '../errors/result.js';
import { startDelete } from '../api/delete-cluster-request.js';
import { startRestore } from '../api/start-restore.js';
import type { ActivityContext, ActivityDeps } from './activity-deps.js';
import { requireCluster, sessionTarget } from './cluster-lookup.js';
import { withClusterSession } from './with-cluster-session.js';

/**
 * A drill's activities. The throwaway cluster is restored and deleted through the product's own
 * operations (startRestore, startDelete), started here under ids derived from the drill's, so a
 * retried start finds the operation it started instead of starting another.
 */
export function createDrillActivities(deps: ActivityDeps) {
  return {
    startDrillRestore: async (ref: DrillRef, context: ActivityContext): Promise<Result<{ operationId: string }>> => {
      const drill = await requireDrill(deps, ref);
      const operationId = `${drill.drillId}-restore`;
      if (await deps.state.getOperation(operationId)) return ok({ operationId });
      const source = await requireCluster(deps, drill.clusterName);
      await startRestore(deps.backupApi(context.orchestrations()), { sourceCluster: drill.clusterName, backupId: drill.backupId,
        targetCluster: drill.targetCluster, networks: (source.spec as ClusterSpec).schedules.drill.networks, operationId,
        requestedBy: 'autopilot', trigger: drill.trigger === 'timer' ? 'timer' : 'api' });
      return ok({ operationId });
    },

    /** A followed operation's status; one that is gone counts as Failed. */
    readOperationOutcome: async ({ operationId }: { operationId: string }): Promise<OperationOutcome> => {
      const operation = await deps.state.getOperation(operationId);
      if (!operation) return { status: 'Failed', error: { code: 'CASSOPS_OPERATION_NOT_FOUND', message: `Operation ${operationId} is gone.` } };
      return { status: operation.status === 'Running' ? 'Running' : operation.status === 'Succeeded' ? 'Succeeded' : 'Failed',
        ...(operation.endedAt ? { endedAt: operation.endedAt } : {}), ...(operation.error ? { error: operation.error } : {}) };
    },

    /**
     * Reads every restored table (one row each) and counts the rows of those whose count the
     * backup recorded: a table that cannot be read, or holds another count, fails the drill.
     */
    checkDrillRestore: async (ref: DrillRef): Promise<Result<{ tablesChecked: number; rowsChecked: number }>> => {
      const drill = await requireDrill(deps, ref);
      const manifest = await readRestorableManifest(deps, drill.clusterName, drill.backupId);
      const target = await requireCluster(deps, drill.targetCluster);
      const tables = manifest.tables.filter((t) => !t.keyspace.startsWith('system'));
      const { unreadable, counts } = await withClusterSession(deps, target.plan, sessionTarget(target), async (session) => {
        const unreadable: string[] = [];
        for (const t of tables) {
          await session.countRows(t.keyspace, t.table, { cap: 1 }).catch((e: unknown) => unreadable.push(`${t.keyspace}.${t.table}: ${(e as Error).message}`));
        }
        const counts: CountTaken[] = [];
        for (const c of manifest.rowCounts) {
          const counted = await session.countRows(c.keyspace, c.table, { cap: c.rows + 1 });
          counts.push({ keyspace: c.keyspace, table: c.table, rows: counted.rows });
        }
        return { unreadable, counts };
      });
      const problems = [...unreadable, ...compareRowCounts(manifest.rowCounts, counts)];
      if (problems.length > 0) {
        return fail({ code: 'CASSOPS_DRILL_CHECK_FAILED', message: `The drill's restore of backup ${drill.backupId} is wrong: ${problems.join('; ')}.` });
      }
      return ok({ tablesChecked: tables.length, rowsChecked: counts.reduce((sum, c) => sum + (c.rows ?? 0), 0) });
    },

    /** Deletes the throwaway cluster, if the drill got as far as creating it. */
    startDrillCleanup: async (ref: DrillRef, context: ActivityContext): Promise<Result<{ operationId: string }>> => {
      const drill = await requireDrill(deps, ref);
      const operationId = `${drill.drillId}-delete`;
      if (await deps.state.getOperation(operationId)) return ok({ operationId });
      if (!(await deps.state.getCluster(drill.targetCluster))) return fail({ code: 'CASSOPS_CLUSTER_NOT_FOUND', message: `Drill cluster ${drill.targetCluster} was never created.` });
      await startDelete(deps.backupApi(context.orchestrations()), { clusterName: drill.targetCluster, operationId, requestedBy: 'autopilot',
        trigger: drill.trigger === 'timer' ? 'timer' : 'api' });
      return ok({ operationId });
    },

    /** Records how the drill ended, and on its backup what the latest drill proved (RPO: the backup's age; RTO: until the data was readable). */
    recordDrill: async (input: RecordDrillInput): Promise<void> => {
      const drill = await requireDrill(deps, input);
      const backup = await requireBackup(deps, drill.clusterName, drill.backupId);
      const endedAt = new Date().toISOString();
      const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
      const outcome = { status: input.status, endedAt, rpoSeconds: seconds(backup.createdAt, drill.startedAt),
        ...(input.restoredAt ? { rtoSeconds: seconds(drill.startedAt, input.restoredAt) } : {}) };
      await deps.backups.updateDrill(drill.clusterName, drill.drillId, (d) => d.status !== 'Running' ? undefined : {
        ...d, ...outcome, ...(input.tablesChecked !== undefined ? { tablesChecked: input.tablesChecked } : {}),
        ...(input.rowsChecked !== undefined ? { rowsChecked: input.rowsChecked } : {}), ...(input.error ? { error: input.error } : {}) });
      await deps.backups.updateBackup(drill.clusterName, drill.backupId, (b) => ({ ...b, latestDrill: { drillId: drill.drillId, ...outcome } }));
    },
  };
}

async function requireDrill(deps: ActivityDeps, ref: DrillRef): Promise<DrillRecord> {
  const drill = await deps.backups.getDrill(ref.clusterName, ref.drillId);
  if (!drill) throw new OpsError('CASSOPS_DRILL_NOT_FOUND', { message: `Cluster '${ref.clusterName}' has no drill '${ref.drillId}'.` });
  return drill;
}

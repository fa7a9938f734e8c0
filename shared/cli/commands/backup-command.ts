import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type ApiTarget, type FetchLike } from '../api-client.js';
import { formatBackup, formatBackupList, type BackupView } from '../format-backup.js';
import { apiAction, clusterPath, readAndPrint, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

const backupsPath = (cluster: string) => clusterPath(cluster, 'backups');

/**
 * `autopilot backup start|list|show <cluster> [backup-id]`: starts a backup of every keyspace
 * (`--watch` follows its steps, then shows the backup), lists the cluster's backups newest first,
 * or shows one. Exit: 0 done (when watching: the backup is Complete, so restorable), 1 usage
 * error or request refused, 3 the backup failed or is Partial (a node was left out).
 */
export function registerBackupCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const backup = program.command('backup').description('start, list and show backups (snapshot, differential upload, manifest last)');

  withApi(watchable(backup.command('start').description('back up every keyspace of the cluster: the nodes that are up, the new files only')
    .argument('<cluster>', 'cluster name'), ', then the backup'))
    .action(apiAction<WatchOptions>(io, setExitCode, async (target, options, cluster) => {
      const answer = await callApi(fetchFn, target, 'POST', backupsPath(cluster!), { body: '{}' });
      if (answer.status !== 202) return refused(io, 'backup refused', answer);
      const accepted = answer.body as { backupId: string; backupUrl: string };
      const line = `backing up ${cluster}: backup ${accepted.backupId} (${target.baseUrl}${accepted.backupUrl})`;
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.backupId, accepted, line }, async () => {
        const shown = await showBackup(target, cluster!, accepted.backupId, options);
        return typeof shown === 'number' ? shown : shown.restorable ? EXIT.ok : EXIT.operationFailed;
      });
    }));

  withApi(backup.command('list').description('the cluster\'s backups, newest first: status, size, what each uploaded, whether a drill proved it')
    .argument('<cluster>', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, cluster) => readAndPrint(io, fetchFn, target, options,
      { path: backupsPath(cluster!), refusal: `cannot list the backups of ${cluster}`,
        format: (body: { backups: BackupView[] }) => formatBackupList(cluster!, body.backups) })));

  withApi(backup.command('show').description('one backup: status, nodes, keyspaces, files and bytes, the latest drill of it, error')
    .argument('<cluster>', 'cluster name').argument('<backup-id>', 'backup id'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, async (target, options, cluster, id) => {
      const shown = await showBackup(target, cluster!, id!, options);
      return typeof shown === 'number' ? shown : EXIT.ok;
    }));

  /** Prints the backup (as JSON with --json) and returns it; the exit code when it cannot be read. */
  async function showBackup(target: ApiTarget, cluster: string, id: string, options: ApiCommandOptions): Promise<BackupView | number> {
    const answer = await callApi(fetchFn, target, 'GET', `${backupsPath(cluster)}/${encodeURIComponent(id)}`);
    if (answer.status !== 200) return refused(io, `cannot read backup ${id}`, answer);
    io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : formatBackup(answer.body as BackupView));
    return answer.body as BackupView;
  }
}

import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { formatDrill, formatDrillList, type DrillView } from '../format-backup.js';
import { apiAction, clusterPath, readAndPrint, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

interface DrillOptions extends WatchOptions {
  backup?: string;
}

const drillsPath = (cluster: string) => clusterPath(cluster, 'drills');

/**
 * `autopilot drill start|list <cluster>`: starts a restore drill (the newest Complete backup, or
 * `--backup`, restored into a throwaway cluster, checked over CQL, the throwaway cluster
 * deleted; `--watch` follows it, then shows its RPO and RTO), or lists the cluster's drills.
 * Exit: 0 done (when watching: the drill Succeeded), 1 usage error or request refused, 3 the drill failed.
 */
export function registerDrillCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const drill = program.command('drill').description('prove backups restorable: restore into a throwaway cluster, check, delete it; RPO and RTO');

  withApi(watchable(drill.command('start').description('drill the newest Complete backup (or --backup) in a throwaway cluster')
    .argument('<cluster>', 'cluster name').option('--backup <id>', 'the backup to drill (default: the newest Complete one)'), ', then its RPO and RTO'))
    .action(apiAction<DrillOptions>(io, setExitCode, async (target, options, cluster) => {
      const body = options.backup ? { backupId: options.backup } : {};
      const answer = await callApi(fetchFn, target, 'POST', drillsPath(cluster!), { body: JSON.stringify(body) });
      if (answer.status !== 202) return refused(io, 'drill refused', answer);
      const accepted = answer.body as { drillId: string; backupId: string; targetCluster: string; statusUrl: string };
      const line = `drilling backup ${accepted.backupId} of ${cluster} in throwaway cluster ${accepted.targetCluster}: `
        + `drill ${accepted.drillId} (${target.baseUrl}${accepted.statusUrl})`;
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.drillId, accepted, line }, async () => {
        const listed = await callApi(fetchFn, target, 'GET', drillsPath(cluster!));
        if (listed.status !== 200) return refused(io, `cannot list the drills of ${cluster}`, listed);
        const ended = (listed.body as { drills: DrillView[] }).drills.find((d) => d.drillId === accepted.drillId);
        if (!ended) return refused(io, `cannot find drill ${accepted.drillId}`, listed);
        io.stdout(options.json ? `${JSON.stringify(ended, null, 2)}\n` : formatDrill(ended));
        return ended.status === 'Succeeded' ? EXIT.ok : EXIT.operationFailed;
      });
    }));

  withApi(drill.command('list').description('the cluster\'s restore drills, newest first, with their RPO and RTO')
    .argument('<cluster>', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, cluster) => readAndPrint(io, fetchFn, target, options,
      { path: drillsPath(cluster!), refusal: `cannot list the drills of ${cluster}`,
        format: (body: { drills: DrillView[] }) => formatDrillList(cluster!, body.drills) })));
}

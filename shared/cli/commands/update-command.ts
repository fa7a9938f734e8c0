import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, readSpecText, refused, withApi } from './api-command-kit.js';
import { reportStarted, watchable, type WatchOptions } from './watch-started.js';

interface UpdateOptions extends WatchOptions {
  ifMatch?: string;
}

/**
 * `autopilot update <cluster> <spec.json>`: applies the spec to the running cluster (PUT with
 * If-Match: the ETag read just before, or `--if-match` from an earlier read, so a change made by
 * someone else in between is refused rather than overwritten); `--watch` follows the update
 * step by step. Exit: 0 started or nothing to change (when watching: Succeeded), 2 the spec
 * invalid or a change refused (every issue shown), 1 another refusal, 3 the update failed.
 */
export function registerUpdateCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(watchable(program.command('update').description('change a running cluster to a spec: scale out and in, replication, NSG rules, schedules')
    .argument('<cluster>', 'cluster name').argument('<spec>', 'cluster spec JSON file (- for standard input)')
    .option('--if-match <etag>', 'apply only if the cluster still has the spec of this ETag (default: the one read now)')))
    .action(apiAction<UpdateOptions>(io, setExitCode, async (target, options, cluster, file) => {
      const body = await readSpecText(io, file!);
      if (body === undefined) return EXIT.usage;
      const path = `/api/clusters/${encodeURIComponent(cluster!)}`;
      let etag = options.ifMatch;
      if (etag === undefined) {
        const current = await callApi(fetchFn, target, 'GET', path);
        if (current.status !== 200) return refused(io, 'cannot read the cluster', current);
        etag = (current.body as { etag: string }).etag;
      }
      const answer = await callApi(fetchFn, target, 'PUT', path, { body, headers: { 'if-match': etag } });
      if (answer.status === 200) {
        io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : `cluster ${cluster} already has this spec: nothing to change\n`);
        return EXIT.ok;
      }
      if (answer.status === 400 || (answer.status === 409 && (answer.body as { code?: string })?.code === 'CASSOPS_CHANGE_REFUSED')) {
        refused(io, `${file}`, answer);
        return EXIT.invalidSpec;
      }
      if (answer.status !== 202) return refused(io, 'update refused', answer);
      const accepted = answer.body as { operationId: string; statusUrl: string; nodesAdded: { node: string }[]; nodesRemoved: { node: string }[] };
      const nodes = [...accepted.nodesAdded.map((n) => `+${n.node}`), ...accepted.nodesRemoved.map((n) => `-${n.node}`)];
      return reportStarted(io, fetchFn, target, options, { operationId: accepted.operationId, accepted,
        line: `updating ${cluster}${nodes.length > 0 ? ` (${nodes.join(' ')})` : ''}: operation ${accepted.operationId} (${target.baseUrl}${accepted.statusUrl})` });
    }));
}

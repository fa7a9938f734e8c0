import { InvalidArgumentError, type Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type ApiTarget, type FetchLike } from '../api-client.js';
import { followUntilEnded } from '../follow-until-ended.js';
import { formatHealth, formatHealthCheck, formatHealthHistory, type HealthCheckView } from '../format-health.js';
import { apiAction, clusterPath, printAnswer, readAndPrint, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';
import { progressIo, watchable, type WatchOptions } from './watch-started.js';

interface HistoryOptions extends ApiCommandOptions {
  from?: string;
  to?: string;
  pageSize?: string;
  continuationToken?: string;
}

/**
 * `autopilot health [show] <cluster>`: the latest status, findings with what to do, and each
 * node. `health history <cluster>`: checks newest first (the last 24 hours by default).
 * `health check <cluster> [--watch]`: checks now; `health check-status <cluster> <check-id>`
 * shows one. Exit: 0 (when watching: the check ran, whatever status it found), 1 refused, 3 the
 * check itself failed.
 */
export function registerHealthCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const health = program.command('health').description('cluster health: the latest check, its history, a check now');

  withApi(health.command('show', { isDefault: true }).description('the latest status, each finding with what to do, and each node')
    .argument('<cluster>', 'cluster name'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options, cluster) => readAndPrint(io, fetchFn, target, options,
      { path: clusterPath(cluster!, 'health'), refusal: `cannot read the health of ${cluster}`, format: formatHealth })));

  withApi(health.command('history').description('the checks newest first: the last 24 hours, 20 a page, unless asked otherwise')
    .argument('<cluster>', 'cluster name')
    .option('--from <time>', 'ISO 8601 date-time (default: a day before --to)').option('--to <time>', 'ISO 8601 date-time (default: now)')
    .option('--page-size <n>', 'checks a page, 1 to 100 (default 20)', wholeNumber)
    .option('--continuation-token <token>', 'the next page, as the previous page named it'))
    .action(apiAction<HistoryOptions>(io, setExitCode, (target, options, cluster) => {
      const query = new URLSearchParams(Object.entries({ from: options.from, to: options.to, pageSize: options.pageSize,
        continuationToken: options.continuationToken }).filter((entry): entry is [string, string] => entry[1] !== undefined));
      return readAndPrint(io, fetchFn, target, options, { path: `${clusterPath(cluster!, 'health', 'history')}${query.size > 0 ? `?${query}` : ''}`,
        refusal: `cannot read the health history of ${cluster}`, format: formatHealthHistory });
    }));

  withApi(watchable(health.command('check').description('check the cluster now (it must be Ready)')
    .argument('<cluster>', 'cluster name'), ', then what it found'))
    .action(apiAction<WatchOptions>(io, setExitCode, async (target, options, cluster) => {
      const answer = await callApi(fetchFn, target, 'POST', clusterPath(cluster!, 'health', 'check'));
      if (answer.status !== 202) return refused(io, 'health check refused', answer);
      const accepted = answer.body as { operationId: string; statusQueryUri: string };
      if (!options.watch) {
        printAnswer(io, options, accepted, () => `checking ${cluster}: check ${accepted.operationId} (${target.baseUrl}${accepted.statusQueryUri})\n`);
        return EXIT.ok;
      }
      return watchCheck(target, cluster!, accepted.operationId, options);
    }));

  withApi(watchable(health.command('check-status').description('one check: its phase while it runs, what it found once done')
    .argument('<cluster>', 'cluster name').argument('<check-id>', 'the check id `health check` printed')))
    .action(apiAction<WatchOptions>(io, setExitCode, (target, options, cluster, checkId) => (options.watch
      ? watchCheck(target, cluster!, checkId!, options)
      : readAndPrint(io, fetchFn, target, options, { path: clusterPath(cluster!, 'health', 'checks', checkId!),
        refusal: `cannot read check ${checkId}`, format: formatHealthCheck }))));

  /** Follows a check, a line each time its phase changes, until it ends; prints the last answer. Exit: 0 Succeeded, 3 Failed. */
  function watchCheck(target: ApiTarget, cluster: string, checkId: string, options: WatchOptions): Promise<number> {
    const progress = progressIo(io, options);
    let shown = '';
    return followUntilEnded(io, fetchFn, target, clusterPath(cluster, 'health', 'checks', checkId), Number(options.intervalMs),
      `check ${checkId}`, (body) => {
        const check = body as HealthCheckView;
        if (check.status === 'Running') {
          const line = formatHealthCheck(check);
          if (line !== shown) progress.stdout(line);
          shown = line;
          return undefined;
        }
        printAnswer(io, options, check, formatHealthCheck);
        return check.status === 'Succeeded' ? EXIT.ok : EXIT.operationFailed;
      });
  }
}

function wholeNumber(value: string): string {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return value;
}

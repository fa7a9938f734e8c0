import { Option, type Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type ApiTarget, type FetchLike } from '../api-client.js';
import { followUntilEnded } from '../follow-until-ended.js';
import { formatLedger, formatRepairList, formatRepairProgress, formatRepairRun, type LedgerRowView, type RepairRunSummaryView,
  type RepairRunView } from '../format-repair.js';
import { REPAIR_MODES, type RepairRunState } from '../../domain/repair/repair-model.js';
import { RUN_CONTROLS } from '../../domain/repair/decide-run-control.js';
import { isRunEnded } from '../../domain/repair/is-run-ended.js';
import { apiAction, clusterPath, readAndPrint, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

interface RepairOptions extends ApiCommandOptions {
  watch?: boolean;
  intervalMs: string;
  keyspace: string[];
  table: string[];
  mode?: string;
}

type Exit = (code: number) => void;
const runsPath = (cluster: string) => clusterPath(cluster, 'repairs');
const runPath = (cluster: string, runId: string) => `${runsPath(cluster)}/${encodeURIComponent(runId)}`;

/**
 * `autopilot repair start|list|status|pause|resume|cancel|ledger <cluster> [run-id]`: starts a run
 * (`--keyspace`, `--table` repeatable, `--mode`), lists the runs, shows one (the newest without a
 * run id), asks a run to pause, resume or cancel (at its next round), or prints the ledger.
 * `--watch` follows a run until it ends. Exit: 0 done (or Succeeded when watching), 1 usage error or request refused,
 * 3 the run Failed or was Cancelled.
 */
export function registerRepairCommand(program: Command, io: CliIo, setExitCode: Exit, fetchFn: FetchLike = fetch): void {
  const repair = program.command('repair').description('start, follow, pause, resume or cancel repair runs; show the repair ledger');
  const act = (work: (target: ApiTarget, options: RepairOptions, ...args: string[]) => Promise<number>) => apiAction(io, setExitCode, work);

  withApi(watchable(repair.command('start').description('start a repair run: everything, or the keyspaces and tables named')
    .argument('<cluster>', 'cluster name')
    .option('--keyspace <keyspace>', 'a keyspace to repair (repeatable; default: every keyspace)', collect, [])
    .option('--table <keyspace.table>', 'a table to repair (repeatable; default: every table)', collect, [])
    .addOption(new Option('--mode <mode>', 'full or incremental (default: the spec\'s)').choices(REPAIR_MODES))))
    .action(act(async (target, options, cluster) => {
      const body = { ...(options.keyspace.length > 0 ? { keyspaces: options.keyspace } : {}),
        ...(options.table.length > 0 ? { tables: options.table } : {}), ...(options.mode ? { mode: options.mode } : {}) };
      const answer = await callApi(fetchFn, target, 'POST', runsPath(cluster!), { body: JSON.stringify(body) });
      if (answer.status !== 202) return refused(io, 'repair refused', answer);
      const accepted = answer.body as { runId: string; repairUrl: string };
      if (options.json && !options.watch) io.stdout(`${JSON.stringify(accepted, null, 2)}\n`);
      if (!options.json) io.stdout(`repairing ${cluster}: run ${accepted.runId} (${target.baseUrl}${accepted.repairUrl})\n`);
      return options.watch ? watchRun(target, cluster!, accepted.runId, options) : EXIT.ok;
    }));

  withApi(watchable(repair.command('status').description('show a repair run (the newest without a run id)')
    .argument('<cluster>', 'cluster name').argument('[run-id]', 'run id (default: the newest run)')))
    .action(act(async (target, options, cluster, given) => {
      const runId = await runIdOf(target, cluster!, given);
      if (!runId) return EXIT.usage;
      if (options.watch) return watchRun(target, cluster!, runId, options);
      const answer = await callApi(fetchFn, target, 'GET', runPath(cluster!, runId));
      if (answer.status !== 200) return refused(io, `cannot read repair run ${runId}`, answer);
      io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : formatRepairRun(answer.body as RepairRunView));
      return EXIT.ok;
    }));

  for (const control of RUN_CONTROLS) {
    withApi(repair.command(control).description(`ask a repair run to ${control} at its next round (the newest without a run id)`)
      .argument('<cluster>', 'cluster name').argument('[run-id]', 'run id (default: the newest run)'))
      .action(act(async (target, options, cluster, given) => {
        const runId = await runIdOf(target, cluster!, given);
        if (!runId) return EXIT.usage;
        const answer = await callApi(fetchFn, target, 'POST', `${runPath(cluster!, runId)}/${control}`);
        if (answer.status !== 200) return refused(io, `cannot ${control} repair run ${runId}`, answer);
        io.stdout(options.json ? `${JSON.stringify(answer.body, null, 2)}\n` : formatRepairRun(answer.body as RepairRunView));
        return EXIT.ok;
      }));
  }

  withApi(repair.command('list').description('the cluster\'s repair runs, newest first (the last 20)')
    .argument('<cluster>', 'cluster name'))
    .action(act((target, options, cluster) => readAndPrint(io, fetchFn, target, options, { path: runsPath(cluster!),
      refusal: `cannot list the repair runs of ${cluster}`, format: (body: { runs: RepairRunSummaryView[] }) => formatRepairList(cluster!, body.runs) })));

  withApi(repair.command('ledger').description('show each table\'s last complete repair against its gc_grace_seconds')
    .argument('<cluster>', 'cluster name'))
    .action(act((target, options, cluster) => readAndPrint(io, fetchFn, target, options, { path: `${runsPath(cluster!)}/ledger`,
      refusal: 'cannot read the repair ledger', format: (body: { tables: LedgerRowView[] }) => formatLedger(cluster!, body.tables) })));

  /** The run id given, else the cluster's newest run's; undefined (the reason printed) when there is none. */
  async function runIdOf(target: ApiTarget, cluster: string, given: string | undefined): Promise<string | undefined> {
    if (given) return given;
    const answer = await callApi(fetchFn, target, 'GET', runsPath(cluster));
    if (answer.status !== 200) {
      refused(io, `cannot list the repair runs of ${cluster}`, answer);
      return undefined;
    }
    const newest = (answer.body as { runs: { runId: string }[] }).runs[0]?.runId;
    if (!newest) io.stderr(`cluster ${cluster} has no repair runs\n`);
    return newest;
  }

  /** Follows a run until it ends, redrawing its progress whenever it changes; exits 0 Succeeded, 3 Failed or Cancelled. */
  function watchRun(target: ApiTarget, cluster: string, runId: string, options: RepairOptions): Promise<number> {
    let shown = '';
    const path = runPath(cluster, runId);
    return followUntilEnded(io, fetchFn, target, path, Number(options.intervalMs), `repair run ${runId}`, (body) => {
      const run = body as RepairRunView;
      const progress = formatRepairProgress(run);
      if (!options.json && progress !== shown) io.stdout(progress);
      shown = progress;
      if (!isRunEnded(run.state as RepairRunState)) return undefined;
      if (options.json) io.stdout(`${JSON.stringify(run, null, 2)}\n`);
      else if (run.error) io.stderr(`error ${run.error.code}: ${run.error.message}\n`);
      return run.state === 'Succeeded' ? EXIT.ok : EXIT.operationFailed;
    });
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function watchable(command: Command): Command {
  return command.option('-w, --watch', 'follow the run until it ends: segments done, percent, running segments, ETA')
    .option('--interval-ms <ms>', 'polling interval while watching', '5000');
}

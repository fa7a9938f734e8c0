import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, printAnswer, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

interface ApprovalOptions extends ApiCommandOptions {
  reason?: string;
}

/**
 * `autopilot approve <operation> [--reason]` and `autopilot reject <operation> [--reason]` (also
 * `autopilot ops approve|reject`): answer what an operation awaiting approval proposes (it runs
 * on, or ends with nothing changed); who answered and why is recorded on it. Exit: 0 answered,
 * 1 refused (not awaiting approval, unknown operation).
 */
export function registerApprovalCommands(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  addApprovalCommands(program, io, setExitCode, fetchFn);
}

/** Adds `approve` and `reject` under `parent`: the top level keeps the old names, `ops` groups them with the other operation commands. */
export function addApprovalCommands(parent: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike): void {
  for (const [verb, approved, what] of [['approve', true, 'let an operation awaiting approval run'],
    ['reject', false, 'end an operation awaiting approval, changing nothing']] as const) {
    withApi(parent.command(verb).description(what).argument('<operation>', 'operation id').option('--reason <text>', 'why (recorded on the operation)'))
      .action(apiAction<ApprovalOptions>(io, setExitCode, async (target, options, operation) => {
        const answer = await callApi(fetchFn, target, 'POST', `/api/operations/${encodeURIComponent(operation!)}/${verb}`,
          { body: JSON.stringify(options.reason ? { reason: options.reason } : {}) });
        if (answer.status !== 202) return refused(io, `${verb} refused`, answer);
        printAnswer(io, options, answer.body, () => `${approved ? 'approved' : 'rejected'} operation ${operation}\n`);
        return EXIT.ok;
      }));
  }
}

import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, printAnswer, readSpecText, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

/**
 * `autopilot alert send <alert.json> --key <the receiveAlert function's key>`: posts an Azure
 * Monitor alert (common alert schema) to the webhook, as the Action Group does: to try the
 * wiring, or send again an alert the webhook missed. The alert is queued; a worker matches it to
 * a node and checks that cluster. Exit: 0 queued, 1 unreadable file or refused (every issue shown).
 */
export function registerAlertCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  const alert = program.command('alert').description('the Azure Monitor alerts webhook');
  withApi(alert.command('send').description('post an alert (common alert schema) to the webhook, as the Action Group does')
    .argument('<alert>', 'alert JSON file (- for standard input)'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, async (target, options, file) => {
      const body = await readSpecText(io, file!, 'the alert file');
      if (body === undefined) return EXIT.usage;
      const answer = await callApi(fetchFn, target, 'POST', '/api/alerts', { body });
      if (answer.status !== 202) return refused(io, 'alert refused', answer);
      printAnswer(io, options, answer.body, (queued: { alertId: string; monitorCondition: string }) =>
        `queued alert ${queued.alertId} (${queued.monitorCondition})\n`);
      return EXIT.ok;
    }));
}

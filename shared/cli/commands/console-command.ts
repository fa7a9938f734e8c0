import type { Command } from 'commander';
import { EXIT, type CliIo } from '../cli-io.js';
import { callApi, type FetchLike } from '../api-client.js';
import { apiAction, printAnswer, refused, withApi, type ApiCommandOptions } from './api-command-kit.js';

/**
 * `autopilot console`: checks the Function App serves the web console and prints the address to
 * open in a browser (the page asks for a key or token itself). Exit: 0, 1 unreachable or refused.
 */
export function registerConsoleCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(program.command('console').description('the address of the web console, once the Function App answers on it'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, async (target, options) => {
      const answer = await callApi(fetchFn, target, 'GET', '/api/console');
      if (answer.status !== 200) return refused(io, 'the web console does not answer', answer);
      printAnswer(io, options, { url: `${target.baseUrl}/api/console` }, (view: { url: string }) => `${view.url}\n`);
      return EXIT.ok;
    }));
}

import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { FetchLike } from '../api-client.js';
import { formatTable } from '../format-table.js';
import { PAGE_ROUTES, ROUTE_COMMANDS } from '../route-commands.js';
import { apiAction, readAndPrint, withApi, type ApiCommandOptions } from './api-command-kit.js';

type OpenApiView = { paths: Record<string, Record<string, { summary?: string }>> };

/** One row per route the document lists: method, path, the command that calls it, what it does. */
export function formatRoutes(doc: OpenApiView): string {
  const commands: Record<string, string> = { ...ROUTE_COMMANDS, ...PAGE_ROUTES };
  const rows = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => {
    const route = `${method.toUpperCase()} ${path}`;
    return [method.toUpperCase(), path, commands[route] ? `autopilot ${commands[route]}` : '-', operation.summary ?? ''];
  }));
  return formatTable([['METHOD', 'PATH', 'COMMAND', 'SUMMARY'], ...rows]);
}

/**
 * `autopilot openapi`: the API's routes as the served OpenAPI document lists them, each with the
 * command that calls it; `--json` prints the document itself. Exit: 0, 1 unreachable or refused.
 */
export function registerOpenApiCommand(program: Command, io: CliIo, setExitCode: (code: number) => void, fetchFn: FetchLike = fetch): void {
  withApi(program.command('openapi').description('the API\'s routes and the command that calls each (--json: the OpenAPI 3.1 document)'))
    .action(apiAction<ApiCommandOptions>(io, setExitCode, (target, options) => readAndPrint(io, fetchFn, target, options,
      { path: '/api/openapi.json', refusal: 'cannot read the OpenAPI document', format: formatRoutes })));
}

import { ArmError } from '../arm-error.js';
import type { SimResponse } from '../handle-resource-request.js';

const COMMANDS = [
  { id: 'RunShellScript', label: 'Linux Shell Script', description: 'Custom multiline Linux shell script', script: [] as string[] },
  { id: 'ifconfig', label: 'List network configuration', description: 'Get the configuration of all network interfaces.', script: ['ifconfig'] },
];

/** The Linux run-command catalogue of a location (`locations/{loc}/runCommands[/{id}]`). */
export function runCommandCatalog(location: string, commandId: string | undefined): SimResponse {
  const docs = COMMANDS.map((c) => ({
    $schema: 'https://schema.management.azure.com/schemas/2016-11-17/runcommands.json',
    id: c.id, osType: 'Linux', label: c.label, description: c.description,
  }));
  if (!commandId) return { status: 200, body: { value: docs } };
  const command = COMMANDS.find((c) => c.id.toLowerCase() === commandId.toLowerCase());
  if (!command) throw new ArmError('NotFound', `The entity was not found in this Azure location '${location}'.`);
  return { status: 200, body: { ...docs.find((d) => d.id === command.id), script: command.script, parameters: [] } };
}

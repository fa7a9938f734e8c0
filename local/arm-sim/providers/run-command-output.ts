import type { GuestScriptResult } from '../guest-driver.js';

/** Azure keeps only the last 4,096 bytes of Run Command output. */
export const RUN_COMMAND_OUTPUT_LIMIT = 4096;

/** The last `limit` bytes of a string (UTF-8), cut on a character boundary. */
export function tailBytes(text: string, limit = RUN_COMMAND_OUTPUT_LIMIT): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let start = bytes.length - limit;
  // Skip UTF-8 continuation bytes so the tail starts on a whole character.
  while (start < bytes.length && (bytes[start]! & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/**
 * The RunCommandResult of the action form, packed the way the Linux agent's RunCommand
 * extension reports it: one status whose message is
 * `Enable succeeded: \n[stdout]\n<out>\n[stderr]\n<err>`, each stream cut to its last 4,096
 * bytes. There is no exit-code field; a failing script reads `Enable failed: failed to execute
 * command: command terminated with exit status=<n>` instead.
 */
export function packRunCommandResult(result: GuestScriptResult): { value: Record<string, string>[] } {
  const ok = result.exitCode === 0;
  const head = ok ? 'Enable succeeded: ' : `Enable failed: failed to execute command: command terminated with exit status=${result.exitCode}`;
  return {
    value: [{
      code: ok ? 'ProvisioningState/succeeded' : 'ProvisioningState/failed',
      level: ok ? 'Info' : 'Error',
      displayStatus: ok ? 'Provisioning succeeded' : 'Provisioning failed',
      message: `${head}\n[stdout]\n${tailBytes(result.stdout)}\n[stderr]\n${tailBytes(result.stderr)}`,
    }],
  };
}

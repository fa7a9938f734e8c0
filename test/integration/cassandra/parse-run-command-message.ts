/** Splits the Linux Run Command message (`Enable succeeded: \n[stdout]\n...\n[stderr]\n...`). */
export function parseRunCommandMessage(message: string): { succeeded: boolean; stdout: string; stderr: string } {
  const match = /^Enable (succeeded|failed)[^\n]*\n\[stdout\]\n([\s\S]*)\n\[stderr\]\n([\s\S]*)$/.exec(message);
  if (!match) throw new Error(`unexpected Run Command message: ${message.slice(0, 200)}`);
  return { succeeded: match[1] === 'succeeded', stdout: match[2]!, stderr: match[3]! };
}

/** A queue message body as a Functions queue trigger expects it by default: base64 of the JSON. */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

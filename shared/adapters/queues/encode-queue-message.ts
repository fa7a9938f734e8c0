/** A queue message body as a Functions queue trigger expects it by default: base64 of the JSON. */
export function encodeQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** Reads a message body back the way encodeQueueMessage wrote it. */
export function decodeQueueMessage<T>(messageText: string): T {
  return JSON.parse(Buffer.from(messageText, 'base64').toString('utf8')) as T;
}

import { AnonymousCredential, AppendBlobClient } from '@azure/storage-blob';

/** Azure's largest append-block size. */
const BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Writes `text` to the append blob at `sasUri`, replacing any blob already there (as managed
 * Run Command does with outputBlobUri / errorBlobUri).
 */
export async function writeAppendBlob(sasUri: string, text: string): Promise<void> {
  const blob = new AppendBlobClient(sasUri, new AnonymousCredential());
  await blob.create();
  const data = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < data.length; offset += BLOCK_BYTES) {
    const chunk = data.subarray(offset, offset + BLOCK_BYTES);
    await blob.appendBlock(chunk, chunk.length);
  }
}

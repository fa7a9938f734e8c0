import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { z } from 'zod';
import { isContainedVmPath } from './map-guest-paths.js';

/** One file a cloud-init document writes, with its content decoded. */
export interface CloudInitFile {
  path: string;
  content: string;
  /** Octal mode string as cloud-init takes it, e.g. '0644'. */
  permissions?: string;
  append: boolean;
}

const writeFileSchema = z.object({
  // Refused here, with the document's own field path, before anything is written to the node directory.
  path: z.string().startsWith('/', 'must be an absolute path')
    .refine(isContainedVmPath, "must not contain '..' segments or NUL"),
  content: z.string().default(''),
  encoding: z.enum(['text/plain', 'b64', 'base64', 'gz', 'gzip', 'gz+b64', 'gzip+base64', 'gz+base64', 'gzip+b64']).optional(),
  permissions: z.string().regex(/^0?[0-7]{3,4}$/, 'must be an octal mode such as 0644').optional(),
  owner: z.string().optional(),
  append: z.boolean().default(false),
  defer: z.boolean().optional(),
});

const cloudConfigSchema = z.object({
  write_files: z.array(writeFileSchema).default([]),
  // cloud-init takes a command as a shell string, or as an argv list it runs without a shell.
  runcmd: z.array(z.union([z.string(), z.array(z.string()).min(1, 'must name a command')])).default([]),
}).passthrough();

/** What a local guest takes from a VM's cloud-config: the files it writes and the commands it runs, in order. */
export interface CloudInit {
  files: CloudInitFile[];
  /** Each runcmd entry as one shell command line. */
  runcmd: string[];
}

const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

function decodeContent(file: z.infer<typeof writeFileSchema>): string {
  const encoding = file.encoding ?? 'text/plain';
  if (encoding === 'text/plain') return file.content;
  const bytes = encoding.includes('b64') || encoding.includes('base64')
    ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'binary');
  return (encoding.startsWith('gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * Decodes a VM's customData (base64 of a `#cloud-config` document) and returns its write_files
 * and runcmd. `packages` is not read: the local guest already has what it installs.
 * @throws Error naming `customData` or `customData.<key>.<i>.<field>` and the problem.
 */
export function readCloudInit(customData: string | undefined): CloudInit {
  if (customData === undefined || customData === '') {
    throw new Error('customData: missing; a Cassandra guest needs the cloud-init document that writes its configuration');
  }
  const text = Buffer.from(customData, 'base64').toString('utf8');
  if (!text.startsWith('#cloud-config')) {
    throw new Error('customData: not a base64-encoded #cloud-config document (its first line must be #cloud-config)');
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`customData: the cloud-config is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = cloudConfigSchema.safeParse(document ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`customData.${issue.path.join('.')}: ${issue.message}`);
  }
  const files = parsed.data.write_files.map((file, i) => {
    try {
      return { path: file.path, content: decodeContent(file), permissions: file.permissions, append: file.append };
    } catch (error) {
      throw new Error(`customData.write_files.${i}.content: cannot be decoded as ${file.encoding}: ${(error as Error).message}`);
    }
  });
  const runcmd = parsed.data.runcmd.map((command) => (typeof command === 'string' ? command : command.map(shellQuote).join(' ')));
  return { files, runcmd };
}

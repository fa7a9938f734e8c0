const UNITS: Record<string, number> = {
  bytes: 1, b: 1,
  kib: 1024, kb: 1024,
  mib: 1024 ** 2, mb: 1024 ** 2,
  gib: 1024 ** 3, gb: 1024 ** 3,
  tib: 1024 ** 4, tb: 1024 ** 4,
};

/**
 * Parses a size the way nodetool prints it (`104.3 KiB`, `1.1 MB`, `0 bytes`) into bytes.
 * Cassandra's FileUtils.stringifyFileSize uses binary multiples under both the old (KB) and
 * the 4.0+ (KiB) names, so both map to powers of 1024. Returns undefined for `?` or anything
 * it does not recognise.
 */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  if (!match) return undefined;
  const factor = UNITS[match[2]!.toLowerCase()];
  if (factor === undefined) return undefined;
  return Math.round(Number(match[1]!.replace(',', '.')) * factor);
}

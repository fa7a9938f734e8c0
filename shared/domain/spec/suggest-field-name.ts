import { buildClusterSpecJsonSchema } from './cluster-spec-json-schema.js';

type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode };

let schema: SchemaNode | undefined;

/**
 * The known field closest to a misspelt one at the same place in the spec (at most two edits
 * away, e.g. "nmae" → "name"), or undefined. Field names come from the spec's JSON Schema.
 */
export function suggestFieldName(parentPath: readonly PropertyKey[], unknown: string): string | undefined {
  schema ??= buildClusterSpecJsonSchema() as SchemaNode;
  let node: SchemaNode | undefined = schema;
  for (const segment of parentPath) {
    node = typeof segment === 'number' ? node?.items : node?.properties?.[String(segment)];
  }
  // The distance is at least the difference in length, so only names of about the same length can
  // be within two edits; skipping the rest keeps a very long unknown key from costing length × name.
  const candidates = Object.keys(node?.properties ?? {}).filter((name) => Math.abs(name.length - unknown.length) <= 2)
    .map((name) => ({ name, distance: editDistance(unknown.toLowerCase(), name.toLowerCase()) }));
  const best = candidates.sort((a, b) => a.distance - b.distance)[0];
  return best !== undefined && best.distance <= Math.min(2, Math.floor(best.name.length / 2)) ? best.name : undefined;
}

// Levenshtein distance with adjacent transpositions; hand-written because it is a dozen lines
// and pulling a package for it would outweigh it.
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const above = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

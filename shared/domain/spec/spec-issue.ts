/** One problem with a spec: where it is (a JSON path such as "$.datacenters[1].network.dataSubnet") and why. */
export interface SpecIssue {
  path: string;
  message: string;
}

/** Builds a JSON path from property names and array indexes: ["a", 1, "b"] → "$.a[1].b". */
export function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    const name = String(segment);
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
  }, '$');
}

/**
 * The ARM resource ids a request body references: every `id` property, at any depth, whose value
 * is a subscription-rooted path, each once, in the order found. ARM checks join actions on exactly
 * these (a NIC's `subnet.id`, a VM's `networkInterfaces[].id`); a body that is not an object has none.
 */
export function referencedIds(body: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key.toLowerCase() === 'id' && typeof inner === 'string' && /^\/subscriptions\//i.test(inner)) found.add(inner);
      else visit(inner);
    }
  };
  visit(body);
  return [...found];
}

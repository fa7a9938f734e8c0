/** A compiled route template; `match` returns the route values or undefined. */
export interface RouteTemplate {
  template: string;
  /** Higher sorts first: literal segments beat parameters, catch-alls come last. */
  precedence: number;
  match(segments: string[]): Record<string, string> | undefined;
}

interface Segment {
  literal?: string;
  param?: string;
  optional?: boolean;
  catchAll?: boolean;
  constraints: ((value: string) => boolean)[];
}

const CONSTRAINTS: Record<string, (arg: string | undefined) => (v: string) => boolean> = {
  int: () => (v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 31,
  long: () => (v) => /^-?\d+$/.test(v),
  double: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  float: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  decimal: () => (v) => /^-?\d+(\.\d+)?$/.test(v),
  bool: () => (v) => /^(true|false)$/i.test(v),
  guid: () => (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
  alpha: () => (v) => /^[a-z]+$/i.test(v),
  datetime: () => (v) => !Number.isNaN(Date.parse(v)),
  minlength: (a) => (v) => v.length >= Number(a),
  maxlength: (a) => (v) => v.length <= Number(a),
  length: (a) => { const [lo, hi] = String(a).split(',').map(Number); return (v) => v.length >= (lo as number) && v.length <= (hi ?? lo as number); },
  min: (a) => (v) => Number(v) >= Number(a),
  max: (a) => (v) => Number(v) <= Number(a),
  range: (a) => { const [lo, hi] = String(a).split(',').map(Number); return (v) => Number(v) >= (lo as number) && Number(v) <= (hi as number); },
  // ASP.NET doubles braces inside a template; a regex constraint sees them single.
  regex: (a) => { const re = new RegExp(String(a).replace(/\{\{/g, '{').replace(/\}\}/g, '}'), 'i'); return (v) => re.test(v); },
};

/**
 * Compiles an ASP.NET-style route template as the Functions host accepts it: literal segments
 * (case-insensitive), `{name}`, optional `{name?}` (trailing only), catch-all `{*name}` (last),
 * and constraints such as `{id:int}`, `{id:guid}`, `{n:range(1,9)}`, `{s:regex(^a.*$)}`.
 * Errors: ROUTE_TEMPLATE_INVALID naming the template and the problem.
 */
export function compileRouteTemplate(template: string): RouteTemplate {
  const parts = template.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '');
  const segments = parts.map((p, i) => parseSegment(template, p, i === parts.length - 1));
  segments.forEach((s, i) => {
    if (s.optional && segments.slice(i + 1).some((t) => !t.optional && !t.catchAll)) {
      throw new Error(`ROUTE_TEMPLATE_INVALID: "${template}": optional parameter {${s.param}?} must not be followed by required segments`);
    }
  });
  const precedence = segments.reduce((sum, s) => sum + (s.literal !== undefined ? 3 : s.catchAll ? 0 : s.constraints.length ? 2 : 1), 0) * 100 + segments.length;
  return { template, precedence, match: (path) => matchSegments(segments, path) };
}

function parseSegment(template: string, part: string, last: boolean): Segment {
  const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)((?::[^:{}?]+(?:\([^)]*\))?)*)(\?)?\}$/.exec(part);
  if (!m) {
    if (/[{}]/.test(part)) throw new Error(`ROUTE_TEMPLATE_INVALID: "${template}": segment "${part}" is not a literal or a {parameter}`);
    return { literal: part.toLowerCase(), constraints: [] };
  }
  const [, star, name, constraintText, optional] = m;
  if (star && !last) throw new Error(`ROUTE_TEMPLATE_INVALID: "${template}": catch-all {*${name}} must be the last segment`);
  const constraints = [...(constraintText ?? '').matchAll(/:([a-z]+)(?:\(([^)]*)\))?/gi)].map(([, kind, arg]) => {
    const make = CONSTRAINTS[(kind as string).toLowerCase()];
    if (!make) throw new Error(`ROUTE_TEMPLATE_INVALID: "${template}": unknown constraint "${kind}" on {${name}}`);
    return make(arg);
  });
  return { param: name, optional: optional === '?', catchAll: star === '*', constraints };
}

function matchSegments(segments: Segment[], path: string[]): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as Segment;
    if (s.catchAll) {
      const rest = path.slice(i).join('/');
      if (rest !== '' && !s.constraints.every((c) => c(rest))) return undefined;
      if (rest !== '') values[s.param as string] = rest;
      return values;
    }
    const value = path[i];
    if (value === undefined) return s.optional ? values : undefined;
    if (s.literal !== undefined) {
      if (value.toLowerCase() !== s.literal) return undefined;
      continue;
    }
    if (!s.constraints.every((c) => c(value))) return undefined;
    values[s.param as string] = value;
  }
  return path.length === segments.length ? values : undefined;
}

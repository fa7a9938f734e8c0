import type { CoreRegistry, RegisteredFunction } from '../core-api.js';
import { triggerOf } from '../invoke-function.js';
import { compileRouteTemplate, type RouteTemplate } from './route-template.js';

/** One HTTP-triggered function's route. */
export interface FunctionRoute {
  fn: RegisteredFunction;
  triggerName: string;
  methods: string[] | undefined;
  authLevel: string;
  template: RouteTemplate;
}

/** The matched function and its route values. */
export interface RouteMatch {
  route: FunctionRoute;
  params: Record<string, string>;
}

/**
 * Builds the route table of every HTTP trigger: the route defaults to the function name, and
 * routes with more literal segments win over parameters (as ASP.NET routing orders them).
 * Errors: ROUTE_TEMPLATE_INVALID naming the function.
 */
export function buildRoutes(registry: CoreRegistry): FunctionRoute[] {
  const routes: FunctionRoute[] = [];
  for (const fn of registry.functions.values()) {
    const trigger = triggerOf(fn);
    if (trigger.type !== 'httpTrigger') continue;
    const route = typeof trigger.route === 'string' && trigger.route !== '' ? trigger.route : fn.metadata.name;
    let template: RouteTemplate;
    try {
      template = compileRouteTemplate(route);
    } catch (error) {
      throw new Error(`function ${fn.metadata.name}: ${(error as Error).message}`, { cause: error });
    }
    const methods = Array.isArray(trigger.methods) ? trigger.methods.map((m) => String(m).toUpperCase()) : undefined;
    routes.push({ fn, triggerName: trigger.name, methods, authLevel: String(trigger.authLevel ?? 'function'), template });
  }
  return routes.sort((a, b) => b.template.precedence - a.template.precedence);
}

/** Finds the route for a method and decoded path segments (below the route prefix). */
export function matchRoute(routes: FunctionRoute[], method: string, segments: string[]): RouteMatch | undefined {
  for (const route of routes) {
    if (route.methods && !route.methods.includes(method.toUpperCase())) continue;
    const params = route.template.match(segments);
    if (params) return { route, params };
  }
  return undefined;
}

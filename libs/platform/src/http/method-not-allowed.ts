import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { problemDocument } from '../errors/problem-details.filter.js';
import { ProblemException } from '../errors/request-errors.js';

/** What this needs of Express 5's router: its layers, and for route layers the path matcher, path and methods. */
interface RouterLayer {
  match(path: string): unknown;
  route?: { path?: unknown; methods: Record<string, boolean | undefined> };
}

/** Where a route path's literal beginning ends: the first character path-to-regexp gives a meaning. */
const PATTERN_SYNTAX = /[:*{}()[\]+?!\\]/;

/**
 * The part of a route's path every matching request path begins with, lower-cased (routes match
 * without regard to case unless told otherwise, so this never rules out a match); '' when the
 * route's path is not a plain string, which leaves it a candidate for every request.
 */
function literalPrefix(layer: RouterLayer): string {
  const path = layer.route?.path;
  if (typeof path !== 'string') return '';
  const syntax = PATTERN_SYNTAX.exec(path);
  return (syntax ? path.slice(0, syntax.index) : path).replace(/\/+$/, '').toLowerCase();
}

/**
 * The route layers with their literal prefixes, rebuilt when the router gains layers. A request
 * path is tried only against the routes whose prefix it begins with: the same answer as trying
 * every route (each candidate still goes through its own matcher), without running a few hundred
 * matchers on every request.
 */
function routeIndex(layers: readonly RouterLayer[]): () => { layer: RouterLayer; prefix: string }[] {
  let indexed = -1;
  let routes: { layer: RouterLayer; prefix: string }[] = [];
  return () => {
    if (indexed !== layers.length) {
      routes = layers.filter((layer) => layer.route).map((layer) => ({ layer, prefix: literalPrefix(layer) }));
      indexed = layers.length;
    }
    return routes;
  };
}

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function sortMethods(methods: Iterable<string>): string[] {
  return [...methods].sort((a, b) => (METHOD_ORDER.indexOf(a) + 1 || 99) - (METHOD_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
}

/**
 * The methods the application's routes declare on a path, read from the router Nest registered its
 * controllers in (so it can never disagree with the routes); empty when no route has the path.
 */
export function declaredMethods(layers: readonly RouterLayer[], path: string, routes = routeIndex(layers)): Set<string> {
  const methods = new Set<string>();
  const lowerPath = path.toLowerCase();
  for (const { layer, prefix } of routes()) {
    if (!lowerPath.startsWith(prefix) || !layer.match(path)) continue;
    for (const [method, handled] of Object.entries(layer.route!.methods)) {
      if (!handled) continue;
      if (method === '_all') return new Set(METHOD_ORDER);
      methods.add(method.toUpperCase());
    }
  }
  return methods;
}

/** `Allow`: the declared methods, HEAD wherever GET is (Express answers it), and OPTIONS. */
function allowHeader(declared: Set<string>): string {
  const allowed = new Set(declared);
  if (allowed.has('GET')) allowed.add('HEAD');
  allowed.add('OPTIONS');
  return sortMethods(allowed).join(', ');
}

/**
 * A path that exists but not for this method is a 405 with `Allow` (problem+json,
 * `REQUEST.METHOD_NOT_ALLOWED`); an OPTIONS request that no CORS preflight answered gets 204 with
 * `Allow`. Unknown paths go on to the 404.
 */
export function methodNotAllowed(app: NestExpressApplication) {
  // Express 5 router layers have match(); its typings leave it out.
  const express = app.getHttpAdapter().getInstance() as unknown as { router: { stack: RouterLayer[] } };
  const routes = routeIndex(express.router.stack);
  return (request: Request, response: Response, next: NextFunction): void => {
    const declared = declaredMethods(express.router.stack, request.path, routes);
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (declared.size === 0 || declared.has(method)) return next();
    const allow = allowHeader(declared);
    response.setHeader('Allow', allow);
    if (request.method === 'OPTIONS') {
      response.status(204).end();
      return;
    }
    const problem = problemDocument(
      new ProblemException(405, 'REQUEST.METHOD_NOT_ALLOWED', `${request.method} is not supported on ${request.path}; allowed: ${allow}.`),
      request.originalUrl,
    );
    response.status(405).type('application/problem+json').send(JSON.stringify(problem));
  };
}

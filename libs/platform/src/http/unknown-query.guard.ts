import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import type { Request } from 'express';
import { RequestValidationException } from '../errors/request-errors.js';

interface RouteArgument {
  index: number;
  data?: unknown;
}

/** What a handler reads from the query string: a whole DTO, some named parameters, or nothing. */
type QueryUse = { dto: true } | { dto: false; names: ReadonlySet<string> };

/**
 * Unknown query parameters are a 400 on every route, as unknown body fields are. A handler taking
 * a query DTO (`@Query() query: PageQueryDto`) already gets that from the validation pipe's
 * whitelist; this covers handlers that take named parameters (`@Query('q')`) or none at all, where
 * `?limit=5` or a typo would otherwise be ignored without a word.
 */
@Injectable()
export class UnknownQueryParametersGuard implements CanActivate {
  private readonly uses = new WeakMap<object, QueryUse>();

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const names = Object.keys(request.query ?? {});
    if (names.length === 0) return true;
    const use = this.queryUse(context);
    if (use.dto) return true;
    const unknown = names.filter((name) => !use.names.has(name));
    if (unknown.length > 0) {
      throw new RequestValidationException(unknown.map((name) => ({ field: name, code: 'UNKNOWN_FIELD', message: `${name} is not a known query parameter` })));
    }
    return true;
  }

  private queryUse(context: ExecutionContext): QueryUse {
    const handler = context.getHandler();
    const known = this.uses.get(handler);
    if (known) return known;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {}) as Record<string, RouteArgument>;
    const queries = Object.entries(args)
      .filter(([key]) => key.split(':')[0] === String(RouteParamtypes.QUERY))
      .map(([, argument]) => argument.data);
    const use: QueryUse = queries.some((data) => typeof data !== 'string') ? { dto: true } : { dto: false, names: new Set(queries as string[]) };
    this.uses.set(handler, use);
    return use;
  }
}

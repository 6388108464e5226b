import type { NextFunction, Request, Response } from 'express';
import { ProblemException, RequestValidationException } from '../errors/request-errors.js';

/** Deeper than any request the API defines (its deepest bodies nest four levels). */
export const MAX_JSON_DEPTH = 32;
/** Object members and array items together; far above the largest batch a request may carry. */
export const MAX_JSON_VALUES = 10_000;
/** Keys that mean something to JavaScript objects: refused like any other unknown field, never copied anywhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks a parsed body before anything walks it recursively (class-transformer and class-validator
 * do, and overflow the stack on a few thousand levels): at most MAX_JSON_DEPTH levels
 * (`REQUEST.TOO_DEEP`) and MAX_JSON_VALUES values (`REQUEST.TOO_LARGE`), no prototype keys
 * (`REQUEST.VALIDATION_FAILED`, `UNKNOWN_FIELD`). Iterative, so the check itself cannot overflow.
 */
export function checkJsonShape(body: unknown): void {
  if (body === null || typeof body !== 'object') return;
  const pending: { value: object; depth: number; path: string }[] = [{ value: body, depth: 1, path: '' }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth, path } = pending.pop()!;
    if (depth > MAX_JSON_DEPTH) {
      throw new ProblemException(400, 'REQUEST.TOO_DEEP', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
    const keys = Array.isArray(value) ? undefined : Object.keys(value);
    values += keys?.length ?? (value as unknown[]).length;
    if (values > MAX_JSON_VALUES) {
      throw new ProblemException(400, 'REQUEST.TOO_LARGE', `The body holds more than ${MAX_JSON_VALUES} values.`);
    }
    const children: [string, unknown][] = keys
      ? keys.map((key) => [key, (value as Record<string, unknown>)[key]])
      : (value as unknown[]).map((item, index) => [String(index), item]);
    for (const [key, child] of children) {
      const field = path ? `${path}.${key}` : key;
      if (keys && FORBIDDEN_KEYS.has(key)) {
        throw new RequestValidationException([{ field, code: 'UNKNOWN_FIELD', message: `${field} is not a known field` }]);
      }
      if (child !== null && typeof child === 'object') pending.push({ value: child, depth: depth + 1, path: field });
    }
  }
}

/** Express middleware running the check right after the JSON body parser. */
export function jsonShapeLimits(request: Request, _response: Response, next: NextFunction): void {
  try {
    checkJsonShape(request.body);
    next();
  } catch (error) {
    next(error);
  }
}

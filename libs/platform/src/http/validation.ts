import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, RequestValidationException, type FieldError } from '../errors/request-errors.js';

/** class-validator's rule names as the stable, upper-case codes clients switch on. */
const CODE_BY_CONSTRAINT: Record<string, string> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  isString: 'NOT_A_STRING',
  isInt: 'NOT_AN_INTEGER',
  isNumber: 'NOT_A_NUMBER',
  isNumberString: 'NOT_A_NUMBER',
  isDecimal: 'NOT_A_DECIMAL',
  isBoolean: 'NOT_A_BOOLEAN',
  isUuid: 'NOT_A_UUID',
  isUUID: 'NOT_A_UUID',
  isEmail: 'NOT_AN_EMAIL',
  isUrl: 'NOT_A_URL',
  isIn: 'NOT_ALLOWED_VALUE',
  isEnum: 'NOT_ALLOWED_VALUE',
  isLength: 'LENGTH_OUT_OF_RANGE',
  maxLength: 'TOO_LONG',
  minLength: 'TOO_SHORT',
  min: 'TOO_SMALL',
  max: 'TOO_LARGE',
  arrayMinSize: 'TOO_FEW_ITEMS',
  arrayMaxSize: 'TOO_MANY_ITEMS',
  arrayNotEmpty: 'TOO_FEW_ITEMS',
  arrayUnique: 'DUPLICATE_ITEMS',
  isArray: 'NOT_A_LIST',
  isObject: 'NOT_AN_OBJECT',
  nestedValidation: 'NOT_AN_OBJECT',
  matches: 'BAD_FORMAT',
  isDateString: 'NOT_A_DATE',
  isIso8601: 'NOT_A_DATE',
  isISO8601: 'NOT_A_DATE',
  isDate: 'NOT_A_DATE',
  isTimeZone: 'NOT_A_TIME_ZONE',
  unknownValue: 'NOT_AN_OBJECT',
};

/** The stable code of a field error: REQUIRED when nothing was sent, else the rule that failed. */
export function fieldErrorCode(constraint: string, valueMissing: boolean): string {
  if (constraint === 'whitelistValidation') return 'UNKNOWN_FIELD';
  if (valueMissing) return 'REQUIRED';
  return CODE_BY_CONSTRAINT[constraint] ?? 'INVALID';
}

/** Which broken rule speaks for a field: unknown, then missing, then the wrong kind of value, then the rest. */
function rank(code: string): number {
  if (code === 'UNKNOWN_FIELD') return 0;
  if (code === 'REQUIRED') return 1;
  return /^NOT_A/.test(code) ? 2 : 3;
}

/** One error per field, the most telling rule it broke: `limit=abc` is NOT_AN_INTEGER, not three contradictory errors. */
function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const missing = error.value === undefined || error.value === null;
    const [best] = Object.entries(error.constraints ?? {})
      .map(([constraint, message]) => ({ code: fieldErrorCode(constraint, missing), message }))
      .sort((a, b) => rank(a.code) - rank(b.code));
    if (best) result.push({ field, code: best.code, message: best.code === 'UNKNOWN_FIELD' ? `${field} is not a known field` : best.message });
    if (error.children?.length) result.push(...flatten(error.children, field));
  }
  return result;
}

/** Unknown fields are rejected, types are checked and converted, every failure is reported per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is read to tell a missing field from a wrong one; it never leaves the server.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationException(flatten(errors)),
  });
}

/** Path ids must be UUIDs: anything else is a 400 with a stable code, never a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(400, 'REQUEST.INVALID_ID', 'The id in the path is not a valid UUID.'),
});

import { ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, RequestValidationException, type FieldError } from '../errors/request-errors.js';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      const code = constraint === 'whitelistValidation' ? 'UNKNOWN_FIELD' : constraint;
      const text = code === 'UNKNOWN_FIELD' ? `${field} is not a known field` : message;
      result.push({ field, code, message: text });
    }
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new RequestValidationException(flatten(errors)),
  });
}

/** Path ids must be UUIDs: anything else is a 400 with a stable code, never a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () => new ProblemException(400, 'REQUEST.INVALID_ID', 'The id in the path is not a valid UUID.'),
});

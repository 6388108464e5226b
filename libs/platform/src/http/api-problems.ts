import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'creditCode' }) field: string;
  @ApiProperty({ example: 'UNKNOWN_FIELD', description: '`UNKNOWN_FIELD` or the failed constraint.' }) code: string;
  @ApiProperty() message: string;
}

/** RFC 9457 problem document. */
class ProblemDto {
  @ApiProperty({ description: '`urn:problem:crm:<code in lower case>`.' }) type: string;
  @ApiProperty({ description: 'The status phrase, in the language of `Accept-Language`.' }) title: string;
  @ApiProperty({ type: 'integer', description: 'The HTTP status.' }) status: number;
  @ApiProperty({ description: 'Stable code to switch on; the codes each response can carry are listed with it.' }) code: string;
  @ApiProperty({ description: 'What happened, in the language of `Accept-Language` [中文 by default].' }) detail: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: validation (`REQUEST.VALIDATION_FAILED` with `errors`), unknown fields or query parameters, malformed JSON (`REQUEST.MALFORMED_JSON`), JSON nested too deep (`REQUEST.TOO_DEEP`) or holding too many values (`REQUEST.TOO_LARGE`), bad id (`REQUEST.INVALID_ID`) or cursor (`REQUEST.INVALID_CURSOR`).',
  401: 'Missing, invalid or revoked token (`AUTH.UNAUTHENTICATED`).',
  403: 'The caller lacks the permission (`AUTH.FORBIDDEN`).',
  404: "Not found, or outside the caller's data scope.",
  409: 'Conflict with current state.',
  412: 'If-Match does not match the current version (`PRECONDITION_FAILED`).',
  413: 'Body too large (`REQUEST.BODY_TOO_LARGE`).',
  422: 'A business rule forbids the request.',
  429: 'Too many requests (`REQUEST.RATE_LIMITED`).',
};

/** Documents the problem responses an endpoint can return; pass `[status, description]` to be specific. */
export function ApiProblems(...statuses: (number | [number, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ProblemDto, FieldErrorDto),
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, DESCRIPTIONS[entry] ?? 'Problem'];
      return ApiResponse({
        status,
        description,
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      });
    }),
  );
}

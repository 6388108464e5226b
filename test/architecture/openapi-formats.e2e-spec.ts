import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The committed OpenAPI document (test/platform/openapi.e2e-spec.ts proves it is what the API serves) tells
 * generated clients the truth about formats: ids are uuids and whole numbers are `integer`.
 */
type Schema = {
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
  components: { schemas: Record<string, Schema> };
}

/** Ids that are not ours, or not always a uuid: each with the reason. */
const NON_UUID_IDS: Record<string, string> = {
  'ProblemDto.correlationId': 'the request id, as the caller sent it in X-Request-Id',
  'EventEnvelopeDto.correlationId': 'the request id (any string the caller sent) or an event id',
  'PersonRefDto.id': 'a user id, or `system` for scheduled work',
  'HistoryWhoDto.id': 'a user id, or `system`',
  'CreateContactDto.wechatId': 'WeChat id [微信号], chosen by the person',
  'UpdateContactDto.wechatId': 'WeChat id [微信号]',
  'ContactDto.wechatId': 'WeChat id [微信号]',
  'ContributionDto.ruleId': 'a scoring rule key chosen by the admin (`visited-mini-program`)',
  'ScoringRuleDto.id': 'a scoring rule key chosen by the admin',
  'AssignmentRuleDto.id': 'an assignment rule key chosen by the admin (`east-china`)',
  'BankNotificationDto.transactionId': "the bank's transaction id [流水号]",
  'BankNotificationResultDto.transactionId': "the bank's transaction id",
  'BankTransactionDto.transactionId': "the bank's transaction id",
  'IngestActivityItemDto.externalId': "the tracking system's own id of the activity",
  'IngestItemResultDto.externalId': "the tracking system's own id, echoed back",
  'IngestActivityItemDto.visitorId': "the tracking system's visitor id (a cookie or device id)",
  'MatchedRuleDto.id': 'an assignment rule key chosen by the admin',
  'RuleMissDto.ruleId': 'an assignment rule key chosen by the admin',
};

/** Values that really may have a fraction: each with the reason. */
const FRACTIONAL: Record<string, string> = {
  'DuplicateCandidateDto.similarity': 'a similarity between 0 and 1',
  'LeadPoolRulesDto.memberWeights': 'weights may be fractional (0.5)',
  'LeadPoolRulesViewDto.memberWeights': 'weights may be fractional',
  'PreviewCandidateDto.weight': 'weights may be fractional',
  'StepConditionDto.value': 'compared with any fact',
  'AssignmentConditionDto.value': 'compared with any lead field',
  'AssignmentConditionDto.min': 'range bound on any numeric field',
  'AssignmentConditionDto.max': 'range bound on any numeric field',
};

const ID = /^(id|[a-z][A-Za-z]*Id|[a-z][A-Za-z]*Ids)$/;

function walk(schema: Schema | undefined, where: string, name: string | undefined, found: { numbers: string[]; ids: string[] }): void {
  if (!schema || typeof schema !== 'object') return;
  if (schema.type === 'number') found.numbers.push(where);
  if (name && ID.test(name)) {
    const value = schema.type === 'array' ? schema.items : schema;
    if (value?.type === 'string' && value.format !== 'uuid') found.ids.push(where);
  }
  for (const [property, value] of Object.entries(schema.properties ?? {})) walk(value, `${where}.${property}`, property, found);
  if (schema.items) walk(schema.items, where, undefined, found);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, where, undefined, found);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) walk(part, where, undefined, found);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('Formats in the OpenAPI document', () => {
  const document = JSON.parse(readFileSync(resolve('openapi/openapi.json'), 'utf8')) as Document;
  const schemas = { numbers: [] as string[], ids: [] as string[] };
  for (const [name, schema] of Object.entries(document.components.schemas)) walk(schema, name, undefined, schemas);
  const parameters = { numbers: [] as string[], ids: [] as string[] };
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      for (const parameter of operation.parameters ?? [])
        walk(parameter.schema, `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`, parameter.name, parameters);

  it('has walked a real document (ids and integers are there to check)', () => {
    expect(Object.keys(document.components.schemas).length).toBeGreaterThan(100);
    expect(document.components.schemas.CustomerDto?.properties?.version?.type).toBe('integer');
    expect(document.components.schemas.CustomerDto?.properties?.id?.format).toBe('uuid');
  });

  it('says `format: uuid` on every id property, except the listed external ids', () => {
    expect(schemas.ids.filter((where) => !(where in NON_UUID_IDS))).toEqual([]);
    // The exception list names only what is still there.
    expect(Object.keys(NON_UUID_IDS).filter((where) => !schemas.ids.includes(where))).toEqual([]);
  });

  it('says `format: uuid` on every id parameter (path, query, header)', () => {
    expect(parameters.ids).toEqual([]);
    const pathIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).flatMap((operation) => (operation.parameters ?? []).filter((p) => p.in === 'path' && ID.test(p.name))),
    );
    expect(pathIds.length).toBeGreaterThan(100);
  });

  it('says `integer` for every whole number (limits, counts, versions, days, minutes), `number` only where a fraction is allowed', () => {
    expect(parameters.numbers).toEqual([]);
    expect(schemas.numbers.filter((where) => !(where in FRACTIONAL))).toEqual([]);
    expect(Object.keys(FRACTIONAL).filter((where) => !schemas.numbers.includes(where))).toEqual([]);
  });

  it('validates every `id` / `<thing>Id` route parameter as a uuid, so the documented format holds (UuidParam)', () => {
    const unchecked = sourceFiles(resolve('libs')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/@Param\('(id|[a-z][A-Za-z]*Id)'([^)]*)\)/g)]
        .filter((match) => !/^,\s*UuidParam$/.test(match[2]!))
        .map((match) => `${file}: ${match[0]}`),
    );
    expect(unchecked).toEqual([]);
    expect(sourceFiles(resolve('libs')).some((file) => /@Param\('id', UuidParam\)/.test(readFileSync(file, 'utf8')))).toBe(true);
  });
});

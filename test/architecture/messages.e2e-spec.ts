import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import '@crm/approval';
import '@crm/catalog';
import '@crm/contact';
import '@crm/contract';
import '@crm/customer';
import '@crm/identity';
import '@crm/lead';
import '@crm/notification';
import '@crm/opportunity';
import '@crm/pool';
import '@crm/service-ticket';
import '@crm/webhook';
import '@crm/service-ticket';
import { declaredMessageKeys } from '../../libs/platform/src/i18n/messages.js';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') && !path.endsWith('.messages.ts') ? [path] : [];
  });
}

describe("Messages in the users' language (X-5)", () => {
  const code = sourceFiles('libs').map((path) => readFileSync(path, 'utf8'));
  const declared = new Set(declaredMessageKeys());

  it('every problem code raised anywhere has a Chinese message', () => {
    const codes = new Set(code.flatMap((text) => [...text.matchAll(/'([A-Z][A-Z_]*(?:\.[A-Z_]+)+)'/g)].map((match) => match[1]!)));
    for (const bare of ['CONCURRENT_MODIFICATION', 'PRECONDITION_FAILED', 'CONFLICT', 'INTERNAL']) codes.add(bare);
    expect(codes.size).toBeGreaterThan(100);
    expect([...codes].filter((key) => !declared.has(key)).sort()).toEqual([]);
  });

  it('every field-error code has a Chinese message', () => {
    const fieldCodes = new Set(code.flatMap((text) => [...text.matchAll(/code: '([A-Z][A-Z_]+)'/g)].map((match) => match[1]!)));
    const validation = readFileSync('libs/platform/src/http/validation.ts', 'utf8');
    for (const match of validation.matchAll(/: '([A-Z][A-Z_]+)',/g)) fieldCodes.add(match[1]!);
    const missing = [...fieldCodes].filter((key) => !declared.has(`FIELD.${key}`) && !declared.has(key));
    expect(missing.sort()).toEqual([]);
  });
});

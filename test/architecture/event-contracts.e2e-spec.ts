import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { declaredEvents, type EventContract } from '@crm/kernel';
import { ApprovalEvents } from '@crm/contracts/approval';
import { CatalogEvents } from '@crm/contracts/catalog';
import { ContactEvents } from '@crm/contracts/contact';
import { ContractEvents, OrderEvents } from '@crm/contracts/contract';
import { CustomerEvents } from '@crm/contracts/customer';
import { OpportunityEvents } from '@crm/contracts/opportunity';
import { PoolEvents } from '@crm/contracts/pool';
import { IdentityEvents } from '@crm/contracts/identity';
import { LeadEvents } from '@crm/contracts/lead';
import { WebhookEvents } from '@crm/contracts/webhook';
import { KnowledgeEvents, SlaEvents, TicketEvents } from '@crm/contracts/service-ticket';
import { parse } from 'yaml';

/** Every context's declared events, by the name of the object that declares them. */
const DECLARATIONS: Record<string, Record<string, EventContract<object>>> = {
  ApprovalEvents,
  CatalogEvents,
  ContactEvents,
  ContractEvents,
  CustomerEvents,
  OpportunityEvents,
  PoolEvents,
  IdentityEvents,
  LeadEvents,
  WebhookEvents,
  OrderEvents,
  TicketEvents,
  KnowledgeEvents,
  SlaEvents,
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const code = [...sourceFiles('libs'), ...sourceFiles('apps')].map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('Event contracts: declared once, used through their declarations, all documented', () => {
  it('the AsyncAPI catalogue has a channel for every declared event, and no channel without a declaration', () => {
    const catalogue = parse(readFileSync('openapi/asyncapi.yaml', 'utf8')) as { channels: Record<string, { address: string }> };
    const documented = Object.values(catalogue.channels)
      .map((channel) => channel.address.replace(/^crm\./, ''))
      .sort();
    const declared = declaredEvents()
      .map((contract) => contract.type)
      .sort();
    expect(declared).toEqual(documented);
    // Every declaration is reachable from a context's contracts (none declared somewhere private).
    expect(
      Object.values(DECLARATIONS)
        .flatMap((events) => Object.values(events))
        .map((contract) => contract.type)
        .sort(),
    ).toEqual(declared);
  });

  it('the catalogue has one operation per channel (npm run openapi writes them) and `required` on every payload object', () => {
    type Node = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;
    const catalogue = parse(readFileSync('openapi/asyncapi.yaml', 'utf8')) as {
      channels: Record<string, unknown>;
      operations: Record<string, { channel: { $ref: string } }>;
      components: { messages: Record<string, { payload: Node }> };
    };
    const operated = Object.values(catalogue.operations).map((operation) => operation.channel.$ref.replace('#/channels/', ''));
    expect(operated.sort()).toEqual(Object.keys(catalogue.channels).sort());
    const incomplete: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}[${index}]`));
      if (!node || typeof node !== 'object') return;
      const object = node as Node;
      if (object.properties) {
        const missing = Object.keys(object.properties).filter((key) => !(object.required ?? []).includes(key));
        if (missing.length > 0) incomplete.push(`${path}: ${missing.join(', ')}`);
      }
      for (const [key, value] of Object.entries(object)) if (key !== 'examples') walk(value, `${path}.${key}`);
    };
    for (const [name, message] of Object.entries(catalogue.components.messages)) walk(message.payload, name);
    expect(incomplete).toEqual([]);
  });

  it('every declared event is emitted or reacted to somewhere outside the contracts', () => {
    const unused: string[] = [];
    for (const [owner, events] of Object.entries(DECLARATIONS)) {
      for (const key of Object.keys(events)) {
        const reference = new RegExp(`\\b${owner}\\.${key}\\b`);
        if (!code.some((file) => !file.path.includes('/contracts/') && reference.test(file.text))) unused.push(`${owner}.${key}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('no event type is spelled as a string, and no payload is cast around its declaration', () => {
    // Documentation (comments, Swagger examples) may show a type; code may not use one.
    const codeLines = (text: string) => text.split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line) && !/example|description/.test(line));
    const spelled = code.filter((file) => codeLines(file.text).some((line) => /['"`][a-z]+\.[a-z-]+\.v\d+['"`]/.test(line))).map((file) => file.path);
    expect(spelled).toEqual([]);
    const casts = code.filter((file) => /payload as unknown as/.test(file.text)).map((file) => file.path);
    expect(casts).toEqual([]);
  });
});

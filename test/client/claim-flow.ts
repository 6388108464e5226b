/**
 * What a front-end team writes with a client generated from openapi/openapi.json (openapi-typescript types,
 * openapi-fetch calls): log in, find a pool customer, claim it, read the outcome. `npm run spec:check` generates
 * the types and type-checks this file, so a response, parameter or problem member the document stops telling
 * the truth about breaks the build. Not run: the figures are the e2e specs' business.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api.js';

type Problem = components['schemas']['ProblemDto'];

export async function claimFlow(baseUrl: string): Promise<string> {
  const client = createClient<paths>({ baseUrl });
  const login = await client.POST('/api/v1/auth/login', { body: { username: 'rep.li', password: 'demo1234' } });
  if (!login.data) throw new Error(`login: ${login.error?.code}`);
  const headers = { Authorization: `Bearer ${login.data.accessToken}` };

  const pool = await client.GET('/api/v1/pool/customers', { params: { query: { limit: 20 } }, headers });
  const customer = pool.data?.items[0];
  if (!customer) return 'nothing to claim';

  const claim = await client.POST('/api/v1/pool/customers/{id}/claims', {
    params: { path: { id: customer.customerId }, header: { 'Idempotency-Key': crypto.randomUUID() } },
    body: { scope: { kind: 'customer' }, applyIfNotPermitted: true, reason: '重点跟进' },
    headers,
  });
  if (claim.error) {
    const problem: Problem = claim.error;
    // A 403 POOL.CLAIM_REQUIRES_APPROVAL says how to apply; the document types its members and lists the code.
    if (claim.error.code === 'POOL.CLAIM_REQUIRES_APPROVAL' && claim.error.apply) return `apply with ${claim.error.apply.method} ${claim.error.apply.href}`;
    return `refused: ${problem.code}`;
  }
  const status: 'protected' | 'pending-approval' | string = claim.data.status;
  const held = await client.GET('/api/v1/customers/{id}', { params: { path: { id: customer.customerId } }, headers });
  const etag = held.response.headers.get('ETag');
  return `${status}: ${held.data?.name ?? customer.customerId}, ever won ${held.data?.opportunities.everWon ?? false}, version ${etag}`;
}

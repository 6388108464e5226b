import type { TestApp, TestUser } from '../support/test-app.js';

/** The master pool [市场部线索总池] every installation starts with. */
export const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';

let counter = 0;

/** A mobile number no other spec file uses (11 digits, mainland form). */
export function uniqueMobile(): string {
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(++counter).padStart(4, '0')}`;
}

export async function createPool(
  api: TestApp,
  by: TestUser,
  body: { name: string; parentId?: string; memberIds?: string[]; adminIds?: string[]; maxDepth?: number; rules?: Record<string, unknown> },
): Promise<string> {
  const created = await api.http.post('/api/v1/lead-pools').set('Authorization', by.auth).send(body).expect(201);
  return created.body.id as string;
}

export function capture(api: TestApp, by: TestUser, body: Record<string, unknown>) {
  return api.http.post('/api/v1/leads').set('Authorization', by.auth).send(body);
}

export function getLead(api: TestApp, by: TestUser, id: string) {
  return api.http.get(`/api/v1/leads/${id}`).set('Authorization', by.auth);
}

export function recordActivity(api: TestApp, by: TestUser, leadId: string, body: Record<string, unknown>) {
  return api.http.post(`/api/v1/leads/${leadId}/activities`).set('Authorization', by.auth).send(body);
}

/** A line of a lead's 5W2H history, as the API answers it. */
export interface HistoryLine {
  id: string;
  when: string;
  who: { id: string; name: string | null };
  what: string;
  where: { poolId: string | null; poolName: string | null; channel: string | null };
  why: string | null;
  how: string | null;
  howMuch: number | null;
  detail: Record<string, unknown>;
}

export async function historyOf(api: TestApp, by: TestUser, leadId: string): Promise<HistoryLine[]> {
  const items: HistoryLine[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.http
      .get(`/api/v1/leads/${leadId}/history`)
      .query({ limit: 20, ...(cursor ? { cursor } : {}) })
      .set('Authorization', by.auth)
      .expect(200);
    items.push(...(page.body.items as HistoryLine[]));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return items;
}

/** Replaces the scoring rules with the current ETag, and lets the re-scoring reaction run. */
export async function replaceScoringRules(api: TestApp, by: TestUser, rules: Record<string, unknown>): Promise<number> {
  const current = await api.http.get('/api/v1/lead-scoring-rules').set('Authorization', by.auth).expect(200);
  const replaced = await api.http
    .put('/api/v1/lead-scoring-rules')
    .set('Authorization', by.auth)
    .set('If-Match', current.headers.etag!)
    .send(rules)
    .expect(200);
  await api.settleEvents();
  return replaced.body.version as number;
}

export const GRADES = {
  grades: [
    { grade: 'A', minScore: 80 },
    { grade: 'B', minScore: 50 },
    { grade: 'C', minScore: 20 },
  ],
  defaultGrade: 'D',
};

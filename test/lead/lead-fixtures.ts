import type { TestApp, TestUser } from '../support/test-app.js';

/** The master pool [市场部线索总池] every installation starts with. */
export const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';

let counter = 0;

/** A mobile number no other spec file uses (11 digits, mainland form). */
export function uniqueMobile(): string {
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(++counter).padStart(4, '0')}`;
}

/** Administrators hand the master pool to its people, as an installation starts: admins run it, members work its leads. */
export async function handMasterPool(api: TestApp, admin: TestUser, people: { adminIds: string[]; memberIds?: string[] }): Promise<void> {
  await api.http.patch(`/api/v1/lead-pools/${MASTER_POOL_ID}`).set('Authorization', admin.auth).send(people).expect(200);
}

/** A sales rep [销售] in a team (and department) of their own. */
export async function salesRep(api: TestApp): Promise<TestUser> {
  return api.user(['sales-rep'], await api.team());
}

/** `N` users as a tuple, so `reps: [first, second]` destructures without checks. */
type Users<N extends number, T extends TestUser[] = []> = T['length'] extends N ? T : Users<N, [...T, TestUser]>;

interface LeadPeople<N extends number> {
  admin: TestUser;
  /** Administers the master pool [市场部线索总池], so every pool below it too. */
  marketing: TestUser;
  /** Sales reps in the order they were created, each in a team of their own. */
  reps: Users<N>;
}

/**
 * The people most lead specs start with: an administrator, a marketer the administrator hands
 * the master pool to, and `reps` sales reps who work no pool yet.
 */
export async function leadPeople<N extends number = 0>(api: TestApp, reps?: N): Promise<LeadPeople<N>> {
  const admin = await api.user(['admin']);
  const marketing = await api.user(['marketing']);
  const people: TestUser[] = [];
  for (let i = 0; i < (reps ?? 0); i++) people.push(await salesRep(api));
  await handMasterPool(api, admin, { adminIds: [marketing.id] });
  return { admin, marketing, reps: people as Users<N> };
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

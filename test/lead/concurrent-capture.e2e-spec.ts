import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';
import { capture, historyOf, uniqueMobile } from './lead-fixtures.js';

/**
 * Double form submits and racing imports must not make two leads of one person (LEAD-2, SuiteCRM
 * #9463): the unique keys on open leads decide, and every loser becomes an activity of the winner.
 * Needs a real server: concurrent transactions on several connections.
 */
describeOnServer('Leads under concurrency', () => {
  let api: TestApp;
  let marketer: TestUser;

  beforeAll(async () => {
    api = await TestApp.start();
    marketer = await api.user(['admin']);
  });
  afterAll(() => api.close());

  it('turns the same lead posted ten times at once into one lead and nine merged activities', async () => {
    const mobile = uniqueMobile();
    const formats = [mobile, `+86 ${mobile}`, `0086-${mobile}`, `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`];
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        capture(api, marketer, { personName: '并发留资', mobile: formats[index % formats.length], channel: `landing-page-${index}` }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const leadIds = new Set(responses.map((response) => response.body.leadId as string));
    expect(leadIds.size).toBe(1);
    const [leadId] = [...leadIds] as [string];
    expect(responses.filter((response) => response.body.merged)).toHaveLength(9);

    const [counts] = await api.tx.query<{ leads: number; activities: number }>(
      `SELECT (SELECT count(*)::int FROM lead.leads WHERE mobile_key = $1) AS leads,
              (SELECT count(*)::int FROM lead.activities WHERE lead_id = $2 AND kind = 'resubmission') AS activities`,
      [mobile, leadId],
    );
    expect(counts).toEqual({ leads: 1, activities: 9 });
    const history = await historyOf(api, marketer, leadId);
    expect(history.filter((line) => line.what === 'captured')).toHaveLength(1);
    expect(history.filter((line) => line.what === 'merged')).toHaveLength(9);
  });

  it('resolves racing submissions that share only an e-mail, or only a company name, to one lead each', async () => {
    const email = `race.${uniqueMobile()}@example.cn`;
    const company = `并发测试${uniqueMobile()}有限公司`;
    const responses = await Promise.all([
      ...Array.from({ length: 5 }, (_, index) => capture(api, marketer, { email: index % 2 ? email.toUpperCase() : email })),
      ...Array.from({ length: 5 }, (_, index) => capture(api, marketer, { companyName: index % 2 ? company : company.replace('有限公司', ' 有限公司') })),
    ]);
    expect(responses.map((response) => response.status).filter((status) => status === 201)).toHaveLength(2);
    expect(new Set(responses.slice(0, 5).map((response) => response.body.leadId)).size).toBe(1);
    expect(new Set(responses.slice(5).map((response) => response.body.leadId)).size).toBe(1);
  });

  it('lets one of two edits of the scoring rules with the same ETag win; the other is told it is stale', async () => {
    const current = await api.http.get('/api/v1/lead-scoring-rules').set('Authorization', marketer.auth).expect(200);
    const body = { rules: [], grades: current.body.grades, defaultGrade: current.body.defaultGrade };
    const responses = await Promise.all(
      [1, 2].map(() => api.http.put('/api/v1/lead-scoring-rules').set('Authorization', marketer.auth).set('If-Match', current.headers.etag!).send(body)),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 412]);
  });
});

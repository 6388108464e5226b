import { TestApp } from '../support/test-app.js';

/**
 * A token's signature is checked once and remembered (libs/platform/src/auth/access-tokens.ts): what is
 * remembered must never outlive the token, nor let a token signed with another key through.
 */
describe('Access tokens checked once', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await TestApp.start({ config: { accessTokenTtlSeconds: 3 } });
  });
  afterAll(() => api.close());

  it('refuses a token once it has expired, though it was accepted (and remembered) before', async () => {
    const rep = await api.user(['sales-rep']);
    const { exp } = JSON.parse(Buffer.from(rep.token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
    await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(200);
    await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(200);
    // jsonwebtoken refuses a token from its expiry second on; wait past it by the clock the token was signed with.
    await new Promise((done) => setTimeout(done, Math.max(0, exp * 1000 - Date.now()) + 50));
    const expired = await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(401);
    expect(expired.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('refuses a token signed with another key, and one whose scheme is not Bearer', async () => {
    const rep = await api.user(['sales-rep']);
    await api.http.get('/api/v1/me').set('Authorization', rep.auth).expect(200);
    await api.http.get('/api/v1/me').set('Authorization', `bearer ${rep.token}`).expect(200);
    await api.http.get('/api/v1/me').set('Authorization', `Basic ${rep.token}`).expect(401);
    // A deployment with another key (and the default lifetime): its valid token means nothing here.
    const other = await TestApp.start({ sharedWith: api, config: { jwtSecret: 'another-deployment-secret-of-enough-length' } });
    try {
      const elsewhere = await other.user(['sales-rep']);
      await other.http.get('/api/v1/me').set('Authorization', elsewhere.auth).expect(200);
      await api.http.get('/api/v1/me').set('Authorization', elsewhere.auth).expect(401);
    } finally {
      await other.close();
    }
  });
});

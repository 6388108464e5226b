import { randomUUID } from 'node:crypto';
import { TestApp, type TestUser } from '../support/test-app.js';
import { createOpportunity, customerContact, getOpportunity, heldCustomer } from './opportunity-fixtures.js';

/**
 * Contact ids on an opportunity and on its visits are checked with the Contact context
 * (FindCustomerContactsQuery): only contacts working at that customer, as the caller sees them.
 * Unknown, linked elsewhere, hidden and former ones answer alike: 404 OPPORTUNITY.CONTACT_NOT_FOUND.
 */
describe('Opportunity contacts [联系人]', () => {
  let api: TestApp;
  let rep: TestUser;
  let other: TestUser;
  let customerId: string;
  let kp: string;
  let elsewhere: string;
  let hidden: string;

  const refused = (response: { status: number; body: { code: string; contactIds: string[] } }, ids: string[]) => {
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'OPPORTUNITY.CONTACT_NOT_FOUND', contactIds: ids });
  };

  beforeAll(async () => {
    api = await TestApp.start();
    rep = await api.user(['sales-rep'], await api.team());
    other = await api.user(['sales-rep'], await api.team());
    customerId = await heldCustomer(api, rep);
    kp = await customerContact(api, rep, customerId);
    // The rep's contact at another of their customers, and another rep's contact at a customer the rep cannot see.
    elsewhere = await customerContact(api, rep, await heldCustomer(api, rep));
    hidden = await customerContact(api, other, await heldCustomer(api, other));
  });
  afterAll(() => api.close());

  it('accepts contacts of the customer and refuses unknown, foreign and hidden ones, naming them', async () => {
    const unknown = randomUUID();
    refused(await createOpportunity(api, rep, { customerId, contactIds: [kp, unknown] }), [unknown]);
    refused(await createOpportunity(api, rep, { customerId, contactIds: [elsewhere] }), [elsewhere]);
    refused(await createOpportunity(api, rep, { customerId, contactIds: [hidden, kp] }), [hidden]);
    const { body } = await createOpportunity(api, rep, { customerId, contactIds: [kp] }).expect(201);
    expect(body.contactIds).toEqual([kp]);

    const patch = (contactIds: string[]) => api.http.patch(`/api/v1/opportunities/${body.id}`).set('Authorization', rep.auth).send({ contactIds });
    refused(await patch([kp, elsewhere]), [elsewhere]);
    const visit = (contactIds: string[]) =>
      api.http.post(`/api/v1/opportunities/${body.id}/activities`).set('Authorization', rep.auth).send({ type: 'visit', summary: '拜访', contactIds });
    refused(await visit([hidden]), [hidden]);
    await visit([kp]).expect(201);

    // A contact who has left keeps their place on the opportunity, but cannot be added again or met on a new visit.
    await api.http.patch(`/api/v1/customers/${customerId}/contacts/${kp}`).set('Authorization', rep.auth).send({ endedOn: '2026-10-31' }).expect(204);
    const second = await customerContact(api, rep, customerId);
    await patch([kp, second]).expect(200);
    expect((await getOpportunity(api, rep, body.id).expect(200)).body.contactIds).toEqual([kp, second]);
    refused(await visit([kp]), [kp]);
    refused(await createOpportunity(api, rep, { customerId, contactIds: [kp] }), [kp]);
  });
});

import { Contact, identifiersOf } from './contact.aggregate.js';

const now = new Date('2026-11-25T10:00:00Z');
const create = () =>
  Contact.create({
    id: 'k-1',
    profile: { name: ' 王总 ', phones: ['+86 139-0000-2222', '13900002222'], emails: ['Wang@Example.com'], wechatId: null, title: 'CTO', notes: null },
    ownerId: 'u-1',
    createdBy: 'u-1',
    now,
  });

describe('Contact', () => {
  it('keys duplicates on normalised phones and e-mails', () => {
    const contact = create();
    expect(identifiersOf(contact.snapshot())).toEqual([
      { kind: 'phone', value: '13900002222' },
      { kind: 'email', value: 'wang@example.com' },
    ]);
    expect(contact.pullEvents()[0]).toMatchObject({ type: 'contact.created.v1', payload: { name: '王总', ownerId: 'u-1' } });
  });

  it('lets phones and e-mails be edited, reporting before and after (CONT-3)', () => {
    const contact = create();
    contact.pullEvents();
    const changes = contact.update({ phones: ['13900003333'], title: 'CEO' }, now);
    expect(changes).toEqual({
      phones: { from: ['+86 139-0000-2222', '13900002222'], to: ['13900003333'] },
      title: { from: 'CTO', to: 'CEO' },
    });
    expect(contact.version).toBe(2);
    expect(contact.update({ title: 'CEO' }, now)).toEqual({});
    expect(contact.version).toBe(2);
  });
});

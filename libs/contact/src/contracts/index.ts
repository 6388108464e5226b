/** The Contact context's public surface: its events (documented in openapi/asyncapi.yaml). */
export const ContactEvents = {
  created: 'contact.created.v1',
  updated: 'contact.updated.v1',
  linked: 'contact.linked.v1',
  linkChanged: 'contact.link-changed.v1',
  linkEnded: 'contact.link-ended.v1',
  recordAdded: 'contact.record-added.v1',
  deleted: 'contact.deleted.v1',
} as const;

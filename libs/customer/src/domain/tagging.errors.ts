import { DomainError, NotFoundError } from '@crm/kernel';

export const TaggingErrors = {
  tagNotFound: () => new NotFoundError('TAG.NOT_FOUND', 'No such tag.'),
  tagExists: (name: string) => new DomainError('TAG.EXISTS', 'conflict', `A tag named ${name} exists.`),
  notTagged: () => new NotFoundError('TAG.NOT_APPLIED', 'The customer does not have this tag.'),
  groupNotFound: () => new NotFoundError('GROUP.NOT_FOUND', 'No such group.'),
  groupExists: (name: string) => new DomainError('GROUP.EXISTS', 'conflict', `A group named ${name} exists.`),
  notMember: () => new NotFoundError('GROUP.NOT_MEMBER', 'The customer is not in this group.'),
  segmentNotFound: () => new NotFoundError('SEGMENT.NOT_FOUND', 'No such segment.'),
  segmentExists: (name: string) => new DomainError('SEGMENT.EXISTS', 'conflict', `A segment named ${name} exists.`),
};

/** The example behaviour rule: this many follow-ups within the window make a customer "active" [活跃]. */
export const ACTIVE_RULE = { tagName: 'active', category: 'behaviour', weight: 5, followUps: 3, windowDays: 7 } as const;

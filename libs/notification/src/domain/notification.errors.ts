import { NotFoundError } from '@crm/kernel';

export const NotificationErrors = {
  notFound: () => new NotFoundError('NOTIFICATION.NOT_FOUND', 'No such notification [消息] (or it is not yours).'),
};

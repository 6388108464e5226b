import { NotificationSchema1732504000000 } from './1732504000000-notification-schema.js';

export const notificationMigrations = [NotificationSchema1732504000000];

export { NotificationModule } from './notification.module.js';
export { notificationMigrations } from './infrastructure/migrations/index.js';

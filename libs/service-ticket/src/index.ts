export { ServiceTicketModule } from './service-ticket.module.js';
export { serviceTicketMigrations } from './infrastructure/migrations/index.js';

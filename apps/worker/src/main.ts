import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, JsonLogger, loadConfig } from '@crm/platform';
import { WorkerModule } from './worker.module.js';

const config = loadConfig(process.env, { runSchedules: process.env.CRM_SCHEDULES !== '0' });
if (!config.databaseUrl) {
  process.stderr.write('The worker needs DATABASE_URL: the embedded database serves one process (npm start runs everything).\n');
  process.exit(2);
}
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new JsonLogger(createRootLogger(config.logLevel)),
});
app.enableShutdownHooks();
await app.init();
process.stdout.write('CRM worker running: event dispatcher' + (config.natsUrl ? ', NATS relay' : '') + (config.runSchedules ? ', schedules' : '') + '\n');

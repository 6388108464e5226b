import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createRootLogger, JsonLogger, loadConfig, type AppConfig } from '@crm/platform';
import { WorkerModule } from './worker.module.js';

let config: AppConfig;
try {
  config = loadConfig(process.env, {}, 'worker');
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new JsonLogger(createRootLogger(config.logLevel, config.logFormat)),
});
app.enableShutdownHooks();
await app.init();
process.stdout.write('CRM worker running: event dispatcher' + (config.natsUrl ? ', NATS relay' : '') + (config.runSchedules ? ', schedules' : '') + '\n');

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, createRootLogger, heartbeatIsFresh, JsonLogger, loadConfig, type AppConfig } from '@crm/platform';

let config: AppConfig;
try {
  config = loadConfig(process.env, {}, 'worker');
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// The container's health check: is the running worker's heartbeat fresh? Exit 0 if so, 1 if not.
if (process.argv.includes('--health')) {
  const healthy = heartbeatIsFresh(config.heartbeatFile);
  process.stdout.write(healthy ? 'healthy\n' : `unhealthy: no recent heartbeat in ${config.heartbeatFile}\n`);
  process.exit(healthy ? 0 : 1);
}

// Loaded only now, so that `--health` answers without loading every context.
const { WorkerModule } = await import('./worker.module.js');
const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
  logger: new JsonLogger(createRootLogger(config.logLevel, config.logFormat)),
});
app.enableShutdownHooks();
await app.init();
process.stdout.write('CRM worker running: event dispatcher' + (config.natsUrl ? ', NATS relay' : '') + (config.runSchedules ? ', schedules' : '') + '\n');

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureHttp, createRootLogger, JsonLogger, setupSwagger, type AppConfig } from '@crm/platform';
import { ApiModule } from './app.module.js';

/** Builds the API exactly as production runs it; tests call this too. */
export async function createApi(config: AppConfig): Promise<NestExpressApplication> {
  const logger = createRootLogger(config.logLevel, config.logFormat);
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    // Signed bank notifications are checked against the exact bytes received (request.rawBody).
    rawBody: true,
    logger: new JsonLogger(logger),
  });
  configureHttp(app, config, logger);
  setupSwagger(app);
  return app;
}

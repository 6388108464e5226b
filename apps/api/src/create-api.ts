import 'reflect-metadata';
import type { Server } from 'node:http';
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
  // Node closes idle connections after 5 s by default; a load balancer that keeps its own open for 60 s
  // would send a request on one just closed and answer 502. The API keeps them longer than the balancer.
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = config.httpKeepAliveSeconds * 1000;
  server.headersTimeout = server.keepAliveTimeout + 1000;
  configureHttp(app, config, logger);
  setupSwagger(app);
  return app;
}

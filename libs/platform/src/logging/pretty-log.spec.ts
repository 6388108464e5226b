import { Writable } from 'node:stream';
import { pino } from 'pino';
import { JsonLogger } from './json-logger.js';
import { formatLogLine } from './pretty-log.js';

const at = (hours: number, minutes: number, seconds: number) => new Date(2026, 10, 25, hours, minutes, seconds).toISOString();

describe('Logs in a terminal', () => {
  it('writes a log entry as one short line: time, level, context, message', () => {
    const line = JSON.stringify({ level: 30, time: at(9, 5, 7), service: 'crm', context: 'DemoData', msg: 'Loaded demo data: 9 users' });
    expect(formatLogLine(line)).toBe('09:05:07 INFO  DemoData Loaded demo data: 9 users');
  });

  it('writes a request as method, path, status and duration, with the correlation id when it failed', () => {
    const request = { level: 30, time: at(17, 40, 5), service: 'crm', msg: 'request', method: 'GET', path: '/api/v1/customers', durationMs: 12.4 };
    expect(formatLogLine(JSON.stringify({ ...request, status: 200, correlationId: 'c-1' }))).toBe('17:40:05 INFO  GET /api/v1/customers 200 12 ms');
    expect(formatLogLine(JSON.stringify({ ...request, status: 404, correlationId: 'c-2', actorId: 'u-1' }))).toBe(
      '17:40:05 INFO  GET /api/v1/customers 404 12 ms (c-2) actorId=u-1',
    );
  });

  it('puts other fields after the message and a stack trace on the lines below', () => {
    const line = JSON.stringify({ level: 50, time: at(8, 0, 0), context: 'Errors', msg: 'GET /x failed', trace: 'Error: boom\n    at f (a.js:1)', attempt: 2 });
    expect(formatLogLine(line)).toBe('08:00:00 ERROR Errors GET /x failed attempt=2\n    Error: boom\n        at f (a.js:1)');
  });

  it('colours the level and dims the rest only when asked', () => {
    const line = JSON.stringify({ level: 40, time: at(8, 0, 0), msg: 'careful' });
    expect(formatLogLine(line, true)).toBe('\u001b[90m08:00:00\u001b[0m \u001b[33mWARN \u001b[0m careful');
  });

  it('passes a line that is not JSON through', () => {
    expect(formatLogLine('plain text')).toBe('plain text');
  });

  it("puts Nest's start-up narration (modules, routes) at debug level, so the ready banner stays in view", () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = new JsonLogger(pino({ level: 'debug' }, sink));
    logger.log('Mapped {/api/v1/customers, GET} route', 'RouterExplorer');
    logger.log('CustomerModule dependencies initialized', 'InstanceLoader');
    logger.log('Loaded demo data', 'DemoData');
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      expect(lines.map((line) => [line.level, line.msg])).toEqual([
        [20, 'Mapped {/api/v1/customers, GET} route'],
        [20, 'CustomerModule dependencies initialized'],
        [30, 'Loaded demo data'],
      ]);
    });
  });
});

import type { DestinationStream } from 'pino';

const LEVELS: Record<number, { label: string; color: number }> = {
  10: { label: 'TRACE', color: 90 },
  20: { label: 'DEBUG', color: 90 },
  30: { label: 'INFO ', color: 32 },
  40: { label: 'WARN ', color: 33 },
  50: { label: 'ERROR', color: 31 },
  60: { label: 'FATAL', color: 35 },
};
/** Fields every line has, or that the short form already shows. */
const SHOWN = new Set(['level', 'time', 'service', 'pid', 'hostname', 'context', 'msg', 'trace', 'method', 'path', 'status', 'durationMs', 'correlationId']);

type Paint = (code: number, text: string) => string;

function painter(colors: boolean): Paint {
  return colors ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

function clock(time: unknown): string {
  const date = new Date(typeof time === 'string' || typeof time === 'number' ? time : Date.now());
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

function valueText(value: unknown): string {
  return typeof value === 'string' ? (/\s/.test(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
}

/**
 * One pino JSON line as a short line for a terminal: `17:40:07 INFO  DemoData Loaded demo data…`;
 * requests as `POST /api/v1/auth/login 401 12 ms`, with the correlation id when they failed; other
 * fields as key=value, a stack trace on the lines below. A line that is not JSON passes unchanged.
 */
export function formatLogLine(line: string, colors = false): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const paint = painter(colors);
  const level = LEVELS[Number(entry.level)] ?? { label: String(entry.level).toUpperCase().padEnd(5), color: 0 };
  const parts = [paint(90, clock(entry.time)), paint(level.color, level.label)];
  if (typeof entry.context === 'string') parts.push(paint(36, entry.context));
  if (entry.msg === 'request' && typeof entry.method === 'string') {
    const status = Number(entry.status);
    parts.push(
      `${entry.method} ${String(entry.path)}`,
      paint(status >= 500 ? 31 : status >= 400 ? 33 : 32, String(status)),
      paint(90, `${Math.round(Number(entry.durationMs))} ms`),
    );
    if (status >= 400 && entry.correlationId) parts.push(paint(90, `(${String(entry.correlationId)})`));
  } else {
    parts.push(String(entry.msg ?? ''));
  }
  const extras = Object.entries(entry).filter(([key, value]) => !SHOWN.has(key) && value !== undefined);
  if (extras.length > 0) parts.push(paint(90, extras.map(([key, value]) => `${key}=${valueText(value)}`).join(' ')));
  const trace = typeof entry.trace === 'string' && entry.trace ? `\n${paint(90, entry.trace.replace(/^/gm, '    '))}` : '';
  return parts.join(' ') + trace;
}

/** A pino destination writing short lines to a terminal (colours when it is one and NO_COLOR is unset). */
export function prettyDestination(stream: NodeJS.WriteStream = process.stdout): DestinationStream {
  const colors = stream.isTTY === true && !process.env.NO_COLOR;
  return {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line) stream.write(`${formatLogLine(line, colors)}\n`);
    },
  };
}

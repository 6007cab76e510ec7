/** Structured logging: one JSON object per line (pino). Library code logs here, never to the console. */
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LINESIDE_LOG_LEVEL ?? 'info';
  return options.destination ? pino({ level, base: undefined }, options.destination) : pino({ level, base: undefined });
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

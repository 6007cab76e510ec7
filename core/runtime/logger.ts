/** Structured logging: one JSON object per line (pino). Library code logs here, never to the console. */
import { pino, type Logger } from 'pino';

export type { Logger };

/** Secrets never reach a log line, wherever they sit in a logged object (a device's settings, an uplink's). */
export const redactedPaths = ['password', '*.password', '*.*.password', '*.*.*.password', 'privateKey', '*.privateKey', '*.*.privateKey', 'pin', '*.pin'];

export function createLogger(options: { level?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? process.env.LINESIDE_LOG_LEVEL ?? 'info';
  const settings = { level, base: undefined, redact: { paths: redactedPaths, censor: '[secret]' } };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

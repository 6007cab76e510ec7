/**
 * node-opcua writes its own warnings and errors to the console (stdout); the core logs one
 * JSON object per line. This routes node-opcua's warnings and errors into our log instead,
 * once per process, through the logger of whoever loads the stack first.
 */
import { inspect } from 'node:util';
import { setErrorLogger, setWarningLogger } from 'node-opcua';
import type { Logger } from '../../runtime/logger.js';

let routed = false;

const text = (parts: unknown[]) =>
  parts
    .map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : inspect(part, { depth: 2, breakLength: Infinity })))
    .join(' ')
    // eslint-disable-next-line no-control-regex -- node-opcua colours its output
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function routeLibraryLogs(log: Logger): void {
  if (routed) return;
  routed = true;
  const library = log.child({ library: 'node-opcua' });
  setWarningLogger((...parts: unknown[]) => library.warn(text(parts)));
  setErrorLogger((...parts: unknown[]) => library.error(text(parts)));
}

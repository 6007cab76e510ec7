/**
 * The outcome of every call that crosses a transport. Calls never throw across a
 * transport: a failure is a value with a stable `code` that the UI can act on and a
 * `message` a person can read.
 */

/** Stable error codes. Add a code here rather than inventing one at the call site. */
export const errorCodes = [
  'invalid-request', // the payload failed its schema
  'unknown-method', // no such call in the contract
  'unknown-tag', // a tag or asset path that is not in the plant model
  'write-disabled', // the tag is not enabled for writes
  'write-failed', // the device refused or could not be reached
  'not-found', // nothing of that kind exists (e.g. no waveform yet)
  'unauthorized', // transport-level refusal (bad token, untrusted sender)
  'forbidden', // the signed-in role may not do this: the message says which role may
  'sign-in-failed', // wrong name, password or PIN, or the account is locked or disabled
  'disconnected', // the transport is not connected
  'connection-failed', // a server or device could not be reached or refused the connection
  'config-invalid', // a change would make the plant config invalid: the message names the field and why
  'action-refused', // an action that does not apply now (resetting an active alarm): the message says why
  'internal', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export function isErrorCode(code: string): code is ErrorCode {
  return (errorCodes as readonly string[]).includes(code);
}

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

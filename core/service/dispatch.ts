/**
 * The single entry of every transport into the service: checks that the method exists,
 * validates the request with its schema, and turns anything thrown into a Result. A
 * request that fails validation never reaches the service, so it changes nothing.
 */
import { describeIssues, fail, hmiMethods, hmiRequestSchemas, type HmiApi, type HmiMethod, type Result } from '../contract/index.js';
import type { Logger } from '../runtime/logger.js';

export function isHmiMethod(name: string): name is HmiMethod {
  return (hmiMethods as string[]).includes(name);
}

export async function dispatchCall(api: HmiApi, method: string, params: unknown, log: Logger): Promise<Result<unknown>> {
  if (!isHmiMethod(method)) {
    return fail('unknown-method', `no call named ${JSON.stringify(method).slice(0, 80)}; expected one of: ${hmiMethods.join(', ')}`);
  }
  let parsed;
  try {
    parsed = hmiRequestSchemas[method].safeParse(params ?? {});
    if (!parsed.success) return fail('invalid-request', `${method}: ${describeIssues(parsed.error, params)}`);
  } catch (error) {
    // A payload no schema can even walk (a BigInt, a cycle, a stack-deep nesting over IPC).
    return fail('invalid-request', `${method}: the request cannot be read (${(error as Error).message.slice(0, 100)}); expected plain JSON values`);
  }
  try {
    const call = api[method] as (req: unknown) => Promise<Result<unknown>>;
    return await call.call(api, parsed.data);
  } catch (error) {
    log.error({ method, err: error }, 'service call threw');
    return fail('internal', `${method} failed inside the core: ${(error as Error).message}`);
  }
}

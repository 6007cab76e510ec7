/**
 * Operators' actions on alarms: each goes to the core under the signed-in account's name (the
 * core puts that name in the journal whatever the request says; a request needs one), the
 * answer's picture goes to the store at once, and a refusal is kept for the operator to read
 * ("Not acknowledged: …", e.g. the core's "sign in as operator or above"). Plain TypeScript, no React.
 */
import type { HmiClient, HmiRequest } from '../../core/contract/index.js';
import type { AppStore } from '../stores/app-store.js';

/** The name a request carries: the signed-in account's (the core checks it is the caller's); 'viewer' when nobody is, which the core refuses. */
export function actingUser(store: AppStore): string {
  return store.getState().session?.user?.name ?? 'viewer';
}

type Request = HmiRequest<'alarmAction'>;
/** An action without its user: the signed-in name is added. */
export type AlarmActionRequest = Request extends infer R ? (R extends unknown ? Omit<R, 'user'> : never) : never;
export type AlarmActionKind = Request['kind'];

const refusedWords: Record<AlarmActionKind, string> = {
  acknowledge: 'Not acknowledged',
  reset: 'Not reset',
  shelve: 'Not shelved',
  unshelve: 'Not unshelved',
  'out-of-service': 'Not taken out of service',
  'in-service': 'Not returned to service',
  comment: 'Comment not saved',
};

/** Shelf times the operator may choose. */
export const shelveDurations: readonly { label: string; ms: number }[] = [
  { label: '15 min', ms: 15 * 60_000 },
  { label: '30 min', ms: 30 * 60_000 },
  { label: '1 h', ms: 60 * 60_000 },
  { label: '2 h', ms: 2 * 60 * 60_000 },
  { label: '8 h', ms: 8 * 60 * 60_000 },
];

/** Runs the actions one after another (shelving several alarms is one call each); true when all were taken. */
export async function performAlarmActions(client: Pick<HmiClient, 'alarmAction'>, store: AppStore, actions: readonly AlarmActionRequest[]): Promise<boolean> {
  const refusals: string[] = [];
  const user = actingUser(store);
  for (const action of actions) {
    const result = await client.alarmAction({ ...action, user } as Request);
    if (result.ok) {
      store.getState().setAlarmSnapshot(result.value);
      continue;
    }
    const why = result.error.code === 'disconnected' ? 'there is no connection to the runtime' : result.error.message;
    refusals.push(`${refusedWords[action.kind]}: ${why}`);
  }
  const unique = [...new Set(refusals)];
  store.getState().setAlarmMessage(unique.length === 0 ? null : unique.length === 1 ? unique[0]! : `${unique[0]!} (and ${unique.length - 1} more)`);
  return refusals.length === 0;
}

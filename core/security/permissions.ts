/**
 * Who may do what: which permission every contract call needs, in one place, beside the five
 * roles and what each may do (core/contract/security.ts, so the renderer can say who may). The map is typed over every contract method, so a new call does
 * not compile until it is given its permission. The core checks a caller's role here before
 * the call runs (the UI only hides what the core would refuse anyway).
 *
 * Decisions:
 * - Viewing (every screen, history, reports, analysing a waveform file, and a replay's own
 *   controls, which change nothing but the replay) is open to every role.
 * - Operators respond to alarms (acknowledge, reset, shelve, unshelve, comment), give
 *   downtime reasons and write the tags enabled for writes; maintenance adds acknowledging
 *   work requests, putting alarms out of service (a failed sensor) and exporting captures;
 *   engineers add changing a downtime reason someone gave (the supervisor's edit), reading the
 *   audit trail and the plant config (OPC UA browsing and trust included); admins add
 *   managing users.
 */
import { rolePermissionList, type HmiMethod, type HmiRequest, type Permission, type Role } from '../contract/index.js';

export { lowestRoleWith, permissions, roles, type Permission, type Role } from '../contract/index.js';

export const rolePermissions: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  viewer: new Set(rolePermissionList.viewer),
  operator: new Set(rolePermissionList.operator),
  maintenance: new Set(rolePermissionList.maintenance),
  engineer: new Set(rolePermissionList.engineer),
  admin: new Set(rolePermissionList.admin),
};

/** Every contract call's permission; a function where the request decides (an alarm action's kind). */
const methodPermissions: { [M in HmiMethod]: Permission | ((request: HmiRequest<M>) => Permission) } = {
  getPlantModel: 'view',
  browseTags: 'view',
  readCurrent: 'view',
  subscribe: 'view',
  unsubscribe: 'view',
  getSystemStatus: 'view',
  writeTag: 'write-tags',
  readWaveform: 'view',
  queryDisplay: 'view',
  queryRaw: 'view',
  valueAt: 'view',
  queryAggregates: 'view',
  opcuaDiscover: 'change-config',
  opcuaConnect: 'change-config',
  opcuaCertificates: 'change-config',
  opcuaTrust: 'change-config',
  opcuaBrowse: 'change-config',
  opcuaSearch: 'change-config',
  opcuaDescribe: 'change-config',
  opcuaAddVariables: 'change-config',
  opcuaDisconnect: 'change-config',
  watchAlarms: 'view',
  alarmAction: (request) => (request.kind === 'out-of-service' || request.kind === 'in-service' ? 'alarm-out-of-service' : 'alarm-respond'),
  queryAlarmJournal: 'view',
  alarmKpis: 'view',
  oeeReport: 'view',
  downtimeReasonChoices: 'view',
  assignDowntimeReason: (request) => (request.supervisor ? 'downtime-reason-edit' : 'downtime-reason'),
  spcChart: 'view',
  pdmFleet: 'view',
  pdmAsset: 'view',
  pdmWaveform: 'view',
  workRequests: 'view',
  acknowledgeWorkRequest: 'work-requests',
  analyzeWaveformFile: 'view',
  replayStatus: 'view',
  replayControl: 'view',
  replayMarks: 'view',
  replayComparison: 'view',
  exportCapture: 'export-data',
  captureExportStatus: 'export-data',
  // Signing in and out is open to everyone; the first admin only while no account exists (checked by the accounts).
  sessionInfo: 'view',
  setupAdmin: 'view',
  signIn: 'view',
  signOut: 'view',
  listUsers: 'manage-users',
  saveUser: 'manage-users',
  deleteUser: 'manage-users',
  auditSearch: 'audit-view',
  auditExport: 'audit-view',
  // Engineering mode: the plant config is an engineer's (it names devices, addresses and sealed secrets).
  configCurrent: 'change-config',
  configCheck: 'change-config',
  configPreview: 'change-config',
  configApply: 'change-config',
  configVersions: 'change-config',
  configVersion: 'change-config',
  configRollback: 'change-config',
  modbusMapImport: 'change-config',
  configSealSecret: 'change-config',
};

export function permissionFor<M extends HmiMethod>(method: M, request: HmiRequest<M>): Permission {
  const needed = methodPermissions[method] as Permission | ((request: HmiRequest<M>) => Permission);
  return typeof needed === 'function' ? needed(request) : needed;
}

export function roleMay(role: Role, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

/** "an operator", "a viewer": a role in a sentence. */
export function aRole(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}

/**
 * Who is at the screen: the roles, what each may do, the signed-in session, user accounts
 * and the audit trail as the contract carries them. The permission matrix itself (which
 * role has which permission, which call needs which) lives in core/security/permissions.ts;
 * the renderer gets the caller's permissions with the session, to grey out what the core
 * would refuse anyway.
 */
import { z } from 'zod';

export const roles = ['viewer', 'operator', 'maintenance', 'engineer', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'view',
  'alarm-respond',
  'alarm-out-of-service',
  'downtime-reason',
  'downtime-reason-edit',
  'write-tags',
  'work-requests',
  'export-data',
  'audit-view',
  'change-config',
  'manage-users',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each role may do; each may do what the one before it may, and more. The core checks
 * every call against this (core/security/permissions.ts says which permission each call
 * needs); the renderer uses it to say who may ("sign in as maintenance").
 */
const operatorMay: readonly Permission[] = ['view', 'alarm-respond', 'downtime-reason', 'write-tags'];
const maintenanceMay: readonly Permission[] = [...operatorMay, 'work-requests', 'alarm-out-of-service', 'export-data'];
const engineerMay: readonly Permission[] = [...maintenanceMay, 'downtime-reason-edit', 'audit-view', 'change-config'];
export const rolePermissionList: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['view'],
  operator: operatorMay,
  maintenance: maintenanceMay,
  engineer: engineerMay,
  admin: permissions,
};

/** The lowest role that has a permission. */
export function lowestRoleWith(permission: Permission): Role {
  return roles.find((role) => rolePermissionList[role].includes(permission)) ?? 'admin';
}

/** Roles that may sign in with a PIN at a shared line PC; engineers and admins use their password. */
export const pinRoles: readonly Role[] = ['viewer', 'operator', 'maintenance'];

/** The session of one window or browser tab. */
export interface SessionInfo {
  /** The signed-in account; null when nobody is (the station is a viewer). */
  user: { name: string; role: Role } | null;
  /** The role the core checks calls against: the user's, or viewer. */
  role: Role;
  permissions: Permission[];
  /** The PC's name and how it is connected, as the audit trail records it. */
  station: string;
  /** No account exists yet: the first run asks for the admin account. */
  setupNeeded: boolean;
  /** False in replay (nothing can be changed there, so nobody signs in). */
  accounts: boolean;
  /** Accounts that may sign in with a PIN, for quick switching at a shared line PC. */
  quickUsers: string[];
  /** A signed-in station goes back to viewer after this long without a touch or key. */
  idleLogoutMs: number;
}

export interface UserInfo {
  name: string;
  role: Role;
  hasPin: boolean;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  /** Until when sign-in is locked after repeated failures; null when it is not. */
  lockedUntil: number | null;
}

/** One audit record as the core keeps it (core/security/audit-chain.ts adds the chain's hashes). */
export interface AuditRecordInfo {
  /** 1, 2, 3 … without gaps. */
  seq: number;
  /** UTC epoch ms. */
  ts: number;
  user: string;
  /** Where: the station (the PC's name, or "cli"), and the transport. */
  station: string;
  /** What: "sign-in", "sign-in-failed", "write", "alarm-acknowledge", "downtime-reason", "config-apply" … */
  action: string;
  /** What it was done to: a tag, an alarm, a stop, a user. */
  target: string;
  /** The particulars: old → new value, the reason, the refusal. */
  detail: Record<string, unknown>;
  outcome: 'ok' | 'refused' | 'failed';
}

export interface AuditPage {
  records: AuditRecordInfo[];
  /** More records match than were returned (raise the limit or narrow the search). */
  more: boolean;
}

/** A user name: letters, digits, '.', '_', '-', '@'; 1–64. */
export const userNameSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._@-]{0,63}$/u, 'a user name of letters, digits, ".", "_", "-" or "@" (at most 64)');
/** At least 8 characters: a password is typed on a touch screen, so no composition rules beyond length. */
export const passwordSchema = z.string().min(8, 'a password of at least 8 characters').max(200);
/** 4 to 8 digits. */
export const pinSchema = z.string().regex(/^\d{4,8}$/, 'a PIN of 4 to 8 digits');

/** Someone's credentials: a password, or a PIN where the role allows it (one object, so a refusal names the field). */
export const credentialsSchema = z
  .object({ name: userNameSchema, password: z.string().min(1).max(200).optional(), pin: z.string().min(1).max(8).optional() })
  .strict()
  .refine((credentials) => (credentials.password === undefined) !== (credentials.pin === undefined), {
    message: 'a password or a PIN: exactly one of the two',
    path: ['password'],
  });
export type Credentials = z.infer<typeof credentialsSchema>;

const auditFilterShape = {
  from: z.number().int().min(0).max(7_258_118_400_000).optional(),
  to: z.number().int().min(0).max(7_258_118_400_000).optional(),
  user: z.string().max(100).optional(),
  action: z.string().max(64).optional(),
  /** Text in the target or the particulars. */
  text: z.string().max(100).optional(),
};

export const securityRequestSchemas = {
  sessionInfo: z.object({}).strict(),
  /** The first run: creates the admin account and signs it in; refused once any account exists. */
  setupAdmin: z.object({ name: userNameSchema, password: passwordSchema }).strict(),
  signIn: credentialsSchema,
  signOut: z.object({ reason: z.enum(['user', 'idle']).default('user') }).strict(),
  listUsers: z.object({}).strict(),
  /** Creates an account (a password is needed) or changes one; a PIN of null removes it. */
  saveUser: z
    .object({
      name: userNameSchema,
      role: z.enum(roles),
      password: passwordSchema.optional(),
      pin: pinSchema.nullable().optional(),
      disabled: z.boolean().optional(),
    })
    .strict()
    .refine((user) => !user.pin || pinRoles.includes(user.role), { message: `a PIN only for ${pinRoles.join(', ')}; engineers and admins sign in with their password`, path: ['pin'] }),
  deleteUser: z.object({ name: userNameSchema }).strict(),
  auditSearch: z.object({ ...auditFilterShape, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  /** The matching records, oldest first, as CSV (at most 100,000). */
  auditExport: z.object(auditFilterShape).strict(),
};

/**
 * The OPC UA device settings in the plant config, validated by the driver's own schema.
 * Security defaults to 'auto': the most secure endpoint the server offers, so a device
 * never ends up unencrypted just because nobody wrote the mode down.
 */
import { z } from 'zod';

export const securityModes = ['auto', 'None', 'Sign', 'SignAndEncrypt'] as const;
export const securityPolicies = ['auto', 'None', 'Basic256Sha256', 'Aes128_Sha256_RsaOaep', 'Aes256_Sha256_RsaPss'] as const;

const userSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('anonymous') }),
  z.strictObject({ kind: z.literal('username'), username: z.string().min(1), password: z.string() }),
  /** An X.509 user certificate (DER or PEM) and its private key (PEM). */
  z.strictObject({ kind: z.literal('certificate'), certificateFile: z.string().min(1), privateKeyFile: z.string().min(1) }),
]);

export const opcuaSettingsSchema = z
  .strictObject({
    endpointUrl: z.string().regex(/^opc\.tcp:\/\/[^\s/]+(\/\S*)?$/, { message: 'an endpoint URL such as opc.tcp://192.168.0.10:4840' }),
    /** 'auto': the most secure mode the server offers (SignAndEncrypt before Sign before None). */
    securityMode: z.enum(securityModes).default('auto'),
    /** 'auto': the most secure policy the server offers for the chosen mode. */
    securityPolicy: z.enum(securityPolicies).default('auto'),
    user: userSchema.default({ kind: 'anonymous' }),
    /** Values the server queues per monitored item between two publishes. */
    queueSize: z.number().int().min(1).max(10_000).default(10),
    discardOldest: z.boolean().default(true),
    /** Device-wide deadband for every tag whose address names none; 'percent' needs an EURange on the server. */
    deadband: z.strictObject({ type: z.enum(['absolute', 'percent']), value: z.number().min(0) }).optional(),
    /** Publishing interval of every subscription; default: the sampling interval of its tags. */
    publishingIntervalMs: z.number().int().min(10).max(3_600_000).optional(),
    /** A dead server is noticed within this period (subscription keep-alive and a read probe). */
    keepAliveMs: z.number().int().min(200).max(600_000).default(5000),
    requestTimeoutMs: z.number().int().min(100).max(600_000).default(5000),
    reconnectMinMs: z.number().int().min(10).default(500),
    /** Longest wait between attempts: 5 s keeps "good again within 10 s of the server's return" after a long outage. */
    reconnectMaxMs: z.number().int().min(100).default(5_000),
  })
  .superRefine((settings, ctx) => {
    if ((settings.securityMode === 'Sign' || settings.securityMode === 'SignAndEncrypt') && settings.securityPolicy === 'None') {
      ctx.addIssue({ code: 'custom', path: ['securityPolicy'], message: `a security policy other than None for securityMode ${settings.securityMode} (or auto)` });
    }
    if (settings.securityMode === 'None' && settings.securityPolicy !== 'None' && settings.securityPolicy !== 'auto') {
      ctx.addIssue({ code: 'custom', path: ['securityPolicy'], message: `securityPolicy None (or auto) with securityMode None, not ${settings.securityPolicy}` });
    }
    if (settings.deadband?.type === 'percent' && settings.deadband.value > 100) {
      ctx.addIssue({ code: 'custom', path: ['deadband', 'value'], message: `a percent deadband 0–100, not ${settings.deadband.value}` });
    }
    if (settings.reconnectMaxMs < settings.reconnectMinMs) {
      ctx.addIssue({ code: 'custom', path: ['reconnectMaxMs'], message: `reconnectMaxMs at least reconnectMinMs (${settings.reconnectMinMs})` });
    }
  });

export type OpcuaSettings = z.output<typeof opcuaSettingsSchema>;
export type OpcuaUser = OpcuaSettings['user'];

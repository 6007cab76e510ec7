/** The Modbus device settings in the plant config, validated by the driver's own schema. */
import { z } from 'zod';

const byteOrders = ['ABCD', 'CDAB', 'BADC', 'DCBA'] as const;

export const modbusSettingsSchema = z
  .strictObject({
    /** tcp: Modbus TCP; rtu-over-tcp: RTU frames through a serial gateway; rtu: a local serial port. */
    transport: z.enum(['tcp', 'rtu-over-tcp', 'rtu']).default('tcp'),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65_535).default(502),
    serialPath: z.string().min(1).optional(),
    baudRate: z.number().int().positive().default(19_200),
    parity: z.enum(['none', 'even', 'odd']).default('even'),
    /** Unit id for tags whose address names none. */
    unit: z.number().int().min(0).max(255).default(1),
    /** Byte order for tags whose address names none. */
    byteOrder: z.enum(byteOrders).default('ABCD'),
    timeoutMs: z.number().int().min(10).max(60_000).default(1000),
    /** Largest run of unused registers (or bits) read through to join two blocks. */
    maxGap: z.number().int().min(0).max(100).default(8),
    reconnectMinMs: z.number().int().min(10).default(500),
    reconnectMaxMs: z.number().int().min(100).default(30_000),
  })
  .superRefine((settings, ctx) => {
    if (settings.transport !== 'rtu' && !settings.host) ctx.addIssue({ code: 'custom', path: ['host'], message: `a host name or address for transport ${settings.transport}` });
    if (settings.transport === 'rtu' && !settings.serialPath) ctx.addIssue({ code: 'custom', path: ['serialPath'], message: 'a serial port path such as /dev/ttyUSB0 for transport rtu' });
  });

export type ModbusSettings = z.output<typeof modbusSettingsSchema>;

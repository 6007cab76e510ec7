/** The request fields many calls share: a hierarchy path and a time. */
import { z } from 'zod';

/** A hierarchy path: line/asset or line/asset/tag. Letters, digits, '_', '-', '.', separated by '/'. */
export const pathSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/, 'a hierarchy path such as "line1/filler/state"');

/** A UTC epoch millisecond time from 1970 to 2200. */
export const timeSchema = z.number().int().min(0).max(7_258_118_400_000);

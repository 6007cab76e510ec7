/**
 * The building blocks of the config schemas (schema.ts, uplink-schema.ts): zod schemas whose
 * every error says what was expected, and mappings whose unknown keys name the known ones.
 */
import { z } from 'zod';

/** Ids of lines, assets, devices, tag names and state set names. No "/": they form paths. */
export const idPattern = /^[A-Za-z0-9_-]+$/;

/** A zod error param holding the description of what is expected. */
export function expect(expected: string): { error: string } {
  return { error: expected };
}

export function nonEmptyText(expected: string) {
  return z.string(expect(expected)).trim().min(1, expect(expected));
}

export function identifier(what: string) {
  const expected = `${what} (letters, digits, _ and - only)`;
  return z.string(expect(expected)).regex(idPattern, expect(expected));
}

export function wholeNumber(expected: string) {
  return z.int(expect(expected));
}

export function finiteNumber(expected: string) {
  return z.number(expect(expected));
}

export function fraction(what: string) {
  const expected = `${what}: a fraction from 0 to 1, e.g. 0.85 for 85 %`;
  return z.number(expect(expected)).min(0, expect(expected)).max(1, expect(expected));
}

export function isoInstant(expected: string) {
  return z.string(expect(expected)).refine((text) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) && Number.isFinite(Date.parse(text)), expect(expected));
}

export function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/**
 * A mapping with a fixed set of keys: an unknown key (a typo such as `unti:`) is an error
 * whose expected text lists the known keys, optional ones marked with "?". The loader
 * relies on the known keys following the last ": " of that text to suggest a correction.
 */
export function mapping<Shape extends z.core.$ZodLooseShape>(what: string, shape: Shape) {
  const keys = Object.entries(shape)
    .map(([key, schema]) => (isOptional(schema as z.ZodType) ? `${key}?` : key))
    .join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `one of the keys of ${what}: ${keys}` : `${what}, a mapping with the keys: ${keys}`,
  });
}


export const positiveText = (what: string) => `a positive number, ${what}`;
export const positiveNumber = (what: string) => finiteNumber(positiveText(what)).positive(expect(positiveText(what)));

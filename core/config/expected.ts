/**
 * What a zod issue expected, as a phrase that reads well after "expected". Used as the
 * per-parse error map for schemas that carry no message of their own (a driver's settings
 * schema); a schema's own message always wins over this one.
 */
import type { z } from 'zod';

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  null: 'an empty value (null)',
};

function bound(issue: { origin: string; inclusive?: boolean; exact?: boolean }, limit: number | bigint, side: 'min' | 'max'): string {
  const n = String(limit);
  switch (issue.origin) {
    case 'string':
      if (side === 'min' && n === '1' && !issue.exact) return 'a non-empty string';
      return `a string of ${issue.exact ? 'exactly' : side === 'min' ? 'at least' : 'at most'} ${n} characters`;
    case 'array':
    case 'set':
      return `a list of ${issue.exact ? 'exactly' : side === 'min' ? 'at least' : 'at most'} ${n} items`;
    default: {
      const word =
        side === 'min' ? (issue.inclusive === false ? 'above' : 'at least') : issue.inclusive === false ? 'below' : 'at most';
      return `a number ${word} ${n}`;
    }
  }
}

export function expectedFromIssue(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeNames[issue.expected] ?? `a value of type ${issue.expected}`;
    case 'too_small':
      return bound(issue, issue.minimum, 'min');
    case 'too_big':
      return bound(issue, issue.maximum, 'max');
    case 'invalid_value':
      return issue.values.length === 1
        ? JSON.stringify(issue.values[0]) ?? String(issue.values[0])
        : `one of: ${issue.values.map((v) => JSON.stringify(v) ?? String(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern ? `a string matching ${issue.pattern}` : `a string in ${issue.format} format`;
    case 'not_multiple_of':
      return `a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return 'only the keys this driver knows';
    case 'invalid_union':
      return 'one of the accepted forms of this value';
    case 'invalid_key':
      return 'a valid key';
    case 'invalid_element':
      return 'valid elements';
    default:
      return 'a valid value';
  }
}

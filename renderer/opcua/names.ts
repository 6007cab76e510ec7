/** Names for tags and assets made from OPC UA browse names: what a path segment may hold. */

/** "Motor Temp (°C)" → "Motor_Temp_C"; empty → "value". At most 64 characters, unique among `taken`. */
export function tagNameFrom(browseName: string, taken: ReadonlySet<string> = new Set()): string {
  const cleaned = browseName
    .replace(/^\d+:/, '') // a browse name's namespace prefix "2:Speed"
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[_.-]+|[_.-]+$/g, '')
    .slice(0, 60);
  const base = cleaned === '' ? 'value' : cleaned;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Checks a name the user typed; returns what is wrong, or undefined. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'a name is needed';
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/.test(name)) return 'letters, digits, "_", "-" or "." only (at most 64), not starting with "-" or "."';
  return undefined;
}

/** "AB12CD…" in groups of four, easier to compare with what the server's admin reads out. */
export function groupedThumbprint(thumbprint: string): string {
  return thumbprint.replace(/(.{4})(?=.)/g, '$1 ');
}

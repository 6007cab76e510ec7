/**
 * A plant config's text with its secrets taken out, for what leaves the machine (capture
 * files): every value under a key named password, privateKey, pin, secret or token —
 * sealed ("enc:v1:…") or, worse, in clear — becomes "[removed]". The rest of the file,
 * comments included, stays as written (a file without secrets, to the byte), so a replay elsewhere reads the same plant (its
 * stand-in drivers connect to nothing and need no password).
 */
import { isMap, isScalar, parseDocument, visit } from 'yaml';

const secretKey = /^(password|privatekey|pin|secret|token)$/i;
export const REMOVED_SECRET = '[removed]';

export function withoutSecrets(configYaml: string): string {
  const doc = parseDocument(configYaml);
  if (doc.errors.length > 0) return configYaml.replace(/^(\s*(?:password|privateKey|pin|secret|token)\s*:\s*).+$/gim, `$1"${REMOVED_SECRET}"`);
  let removed = 0;
  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && secretKey.test(String(pair.key.value)) && pair.value !== null && !isMap(pair.value)) {
        pair.value = doc.createNode(REMOVED_SECRET);
        removed++;
      }
    },
  });
  // Untouched text when there was nothing to remove; otherwise as close to it as yaml writes.
  return removed === 0 ? configYaml : doc.toString({ lineWidth: 0 });
}

/** The catalogue bearing a config names ("SKF 6205-2RS" → "SKF 6205"), or undefined (core/analytics/pdm/bearing.ts has the catalogue). */
import { catalogueBearing } from '../analytics/pdm/bearing.js';

export function catalogueName(name: string): string | undefined {
  try {
    return catalogueBearing(name).model;
  } catch {
    return undefined;
  }
}

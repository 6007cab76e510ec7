/** TagInfo builders for the trends tests. */
import type { TagInfo } from '../../core/contract/index.js';

export function testTag(path: string, partial: Partial<TagInfo> = {}): TagInfo {
  const parts = path.split('/');
  return {
    path,
    name: parts[parts.length - 1]!,
    assetPath: parts.slice(0, -1).join('/'),
    dataType: 'float32',
    unit: '',
    description: '',
    sampleRateMs: 1000,
    rateReason: '',
    writable: false,
    ...partial,
  };
}

/**
 * Edits of the plant config's YAML text that keep the engineer's file as it was written:
 * comments, order and formatting stay, and only what is added appears. The edited text is
 * then loaded with the same schemas as at start-up (parsePlantConfig), so an edit that
 * would make the config invalid is refused with the same precise message.
 *
 * Used to add variables picked in the OPC UA browser to an asset; engineering mode will
 * add its edits here.
 */
import { isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { LinesideError } from '../model/errors.js';

export interface TagAddition {
  name: string;
  address: string;
  type: string;
  unit: string;
  description: string;
  sampleRateMs: number;
  rateReason: string;
  writable: boolean;
  range?: { min: number; max: number };
  /** The device serving the tag, when it is not the asset's. */
  device?: string;
}

export interface TagsAddition {
  /** Added to `devices` unless a device with this id is there already. */
  device: { id: string; driver: string; settings: Record<string, unknown> };
  lineId: string;
  /** The asset to add to; created (with the device above as its device) when the line has no asset with this id. */
  asset: { id: string; name: string; kind: string; description: string };
  tags: TagAddition[];
}

/** The config text with the device, the asset if new, and the tags added. */
export function addTagsToConfigText(text: string, change: TagsAddition): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new LinesideError('config-invalid', `the config does not parse as YAML: ${doc.errors[0]!.message}`);

  const devices = doc.get('devices');
  if (!isSeq(devices)) throw new LinesideError('config-invalid', 'the config has no devices list');
  const hasDevice = (devices as YAMLSeq).items.some((item) => isMap(item) && item.get('id') === change.device.id);
  if (!hasDevice) devices.add(doc.createNode(change.device));

  const lines = doc.get('lines');
  const line = isSeq(lines) ? (lines as YAMLSeq).items.find((item) => isMap(item) && item.get('id') === change.lineId) : undefined;
  if (!isMap(line)) throw new LinesideError('config-invalid', `the config has no line "${change.lineId}"`);
  const assets = (line as YAMLMap).get('assets');
  if (!isSeq(assets)) throw new LinesideError('config-invalid', `line "${change.lineId}" has no assets list`);
  let asset = (assets as YAMLSeq).items.find((item) => isMap(item) && item.get('id') === change.asset.id) as YAMLMap | undefined;
  if (!asset) {
    asset = doc.createNode({ ...change.asset, device: change.device.id, tags: [] }) as YAMLMap;
    assets.add(asset);
  }
  const assetDevice = asset.get('device');
  let tags = asset.get('tags');
  if (!isSeq(tags)) {
    tags = doc.createNode([]);
    asset.set('tags', tags);
  }
  for (const tag of change.tags) {
    const entry: Record<string, unknown> = {
      name: tag.name,
      address: tag.address,
      type: tag.type,
      unit: tag.unit,
      description: tag.description,
      sampleRateMs: tag.sampleRateMs,
      rateReason: tag.rateReason,
      writable: tag.writable,
    };
    if (tag.range) entry.range = tag.range;
    const device = tag.device ?? change.device.id;
    if (device !== assetDevice) entry.device = device;
    (tags as YAMLSeq).add(doc.createNode(entry));
  }
  return doc.toString({ lineWidth: 0 });
}

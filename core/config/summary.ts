import { allTags, type Plant } from '../model/plant.js';
import { describeBandwidth, estimateBandwidth } from '../uplink/bandwidth.js';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A few lines about a valid plant, for `lineside validate` (which names the file itself). */
export function describeConfigSummary(plant: Plant): string {
  const tags = allTags(plant);
  const assets = plant.lines.reduce((n, line) => n + line.assets.length, 0);
  const writable = tags.filter((tag) => tag.writable).length;
  const waveforms = tags.filter((tag) => tag.dataType === 'waveform').length;
  const tagsPerDevice = new Map<string, number>();
  for (const tag of tags) tagsPerDevice.set(tag.deviceId, (tagsPerDevice.get(tag.deviceId) ?? 0) + 1);
  const devices = plant.devices.map((d) => `${d.id} (${d.driver}, ${count(tagsPerDevice.get(d.id) ?? 0, 'tag')})`);
  return [
    `Site ${plant.site}, area ${plant.area}`,
    `${count(plant.lines.length, 'line')} (${plant.lines.map((line) => line.id).join(', ')}), ${count(assets, 'asset')}, ` +
      `${count(tags.length, 'tag')} (${writable} writable, ${count(waveforms, 'waveform')}), ${count(Object.keys(plant.faultTexts).length, 'fault text')}`,
    `${count(plant.devices.length, 'device')}: ${devices.join(', ') || 'none'}`,
    ...(plant.uplink ? [`Uplink to ${plant.uplink.brokerUrl} as ${plant.uplink.groupId}/${plant.uplink.edgeNodeId}: ${describeBandwidth(estimateBandwidth(plant, plant.uplink))}`] : []),
  ].join('\n');
}

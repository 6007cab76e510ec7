/**
 * A small plant for the fake client: the demo bottling line (assets/demo/plant.yaml) as
 * the contract's PlantModel, built in code so that the renderer needs no config loader.
 */
import type { AssetInfo, PlantModel, StateLabel, TagDataType, TagInfo } from '../../core/contract/index.js';

export const machineStates: StateLabel[] = [
  { value: 1, label: 'Running', severity: 'normal' },
  { value: 2, label: 'Idle', severity: 'normal' },
  { value: 3, label: 'Starved', severity: 'attention' },
  { value: 4, label: 'Blocked', severity: 'attention' },
  { value: 5, label: 'Down', severity: 'abnormal' },
  { value: 6, label: 'Planned stop', severity: 'planned' },
  { value: 7, label: 'Changeover', severity: 'planned' },
];

export const faultTexts: Record<string, string> = {
  F101: 'Infeed bottle jam',
  F204: 'Fill valve fault',
  C110: 'Cap chute empty',
  C220: 'Cap torque out of range',
  L105: 'Label web break',
  L210: 'Glue temperature low',
  P120: 'Carton magazine empty',
  P330: 'Case jam at discharge',
  M301: 'Conveyor motor overload trip',
};

type TagSpec = Omit<TagInfo, 'path' | 'assetPath' | 'rateReason' | 'writable'> & { writable?: boolean };

function spec(
  name: string,
  dataType: TagDataType,
  unit: string,
  description: string,
  sampleRateMs: number,
  extra: Partial<TagSpec> = {},
): TagSpec {
  return { name, dataType, unit, description, sampleRateMs, ...extra };
}

function machineTags(unit: string, maxRate: number, temp: { name: string; description: string; max: number }): TagSpec[] {
  return [
    spec('state', 'int16', '', 'PLC machine state word (1 running … 7 changeover)', 250, { role: 'state', states: machineStates }),
    spec('fault_code', 'string', '', 'Active fault code, empty when none', 250, { role: 'fault' }),
    spec('speed', 'float32', `${unit}/min`, 'Actual output rate', 1000, { role: 'rate', range: { min: 0, max: maxRate }, decimals: 0 }),
    spec('count_total', 'uint32', unit, 'Total units produced (PLC counter)', 1000, { role: 'total-count', decimals: 0 }),
    spec('count_reject', 'uint32', unit, 'Rejected units (PLC counter)', 1000, { role: 'reject-count', decimals: 0 }),
    spec('cycle_time', 'float32', 's', 'Last machine cycle time', 1000, { role: 'cycle-time', decimals: 3 }),
    spec(temp.name, 'float32', '°C', temp.description, 2000, { role: 'temperature', range: { min: 0, max: temp.max }, decimals: 1 }),
    spec('motor_current', 'float32', 'A', 'Main drive motor current', 500, { role: 'current', range: { min: 0, max: 30 }, decimals: 1 }),
    spec('vibration_rms', 'float32', 'mm/s', 'Overall vibration, RMS velocity 10–1000 Hz', 1000, {
      role: 'vibration',
      range: { min: 0, max: 10 },
      decimals: 2,
    }),
  ];
}

function asset(line: string, id: string, name: string, kind: string, description: string, tags: TagSpec[]): AssetInfo {
  const path = `${line}/${id}`;
  return {
    path,
    id,
    name,
    kind,
    description,
    tags: tags.map(({ writable, ...tag }) => ({
      ...tag,
      path: `${path}/${tag.name}`,
      assetPath: path,
      rateReason: 'fake plant',
      writable: writable ?? false,
    })),
  };
}

export function createFakePlant(): PlantModel {
  const line = 'line1';
  const labelerTags = machineTags('bottles', 288, { name: 'glue_temp', description: 'Hot-melt glue tank temperature', max: 200 });
  labelerTags.splice(
    7,
    0,
    spec('glue_setpoint', 'float32', '°C', 'Glue tank temperature setpoint', 2000, { range: { min: 120, max: 190 }, decimals: 0, writable: true }),
  );
  return {
    site: 'North Brewery',
    area: 'Packaging',
    faultTexts,
    lines: [
      {
        path: line,
        id: line,
        name: 'Bottling line 1',
        oee: true,
        constraint: `${line}/filler`,
        assets: [
          asset(line, 'filler', 'Filler', 'filler', "Rotary filler, 40 valves, 330 ml bottles. The line's constraint (200 bottles/min).",
            machineTags('bottles', 240, { name: 'product_temp', description: 'Product temperature at the filler bowl', max: 20 })),
          asset(line, 'capper', 'Capper', 'capper', 'Screw capper, 12 heads.',
            machineTags('bottles', 276, { name: 'head_temp', description: 'Capping head drive temperature', max: 80 })),
          asset(line, 'labeler', 'Labeler', 'labeler', 'Wrap-around labeler with hot-melt glue station.', labelerTags),
          asset(line, 'casepacker', 'Case packer', 'case-packer', 'Wrap-around case packer, 12 bottles a case.',
            machineTags('cases', 24, { name: 'drive_temp', description: 'Main drive temperature', max: 80 })),
          asset(line, 'motor', 'Conveyor drive M1', 'conveyor-motor',
            '7.5 kW, 400 V, 4-pole induction motor driving the main conveyor. Drive-end bearing SKF 6205; ISO 10816 group 2, rigid foundation.',
            [
              spec('state', 'int16', '', 'Drive state word (1 running, 2 idle, 5 down)', 250, { role: 'state', states: machineStates }),
              spec('fault_code', 'string', '', 'Active drive fault code, empty when none', 250, { role: 'fault' }),
              spec('speed', 'float32', 'rpm', 'Shaft speed', 1000, { role: 'rate', range: { min: 0, max: 1900 }, decimals: 0 }),
              spec('motor_current', 'float32', 'A', 'Phase current (rated 14 A)', 500, { role: 'current', range: { min: 0, max: 100 }, decimals: 1 }),
              spec('winding_temp', 'float32', '°C', 'Stator winding temperature', 2000, { role: 'temperature', range: { min: 0, max: 155 }, decimals: 1 }),
              spec('bearing_temp', 'float32', '°C', 'Drive-end bearing housing temperature', 2000, { range: { min: 0, max: 120 }, decimals: 1 }),
              spec('vibration_rms', 'float32', 'mm/s', 'Overall vibration at the drive-end bearing, RMS velocity 10–1000 Hz (ISO 10816-3)', 1000, {
                role: 'vibration',
                range: { min: 0, max: 10 },
                decimals: 2,
              }),
              spec('vibration_waveform', 'waveform', 'g', 'Drive-end acceleration waveform snapshot, 1 s at 25.6 kHz', 300_000, { role: 'waveform' }),
              spec('energy', 'float64', 'kWh', 'Energy counter of the conveyor drive', 5000, { role: 'energy', decimals: 1 }),
            ]),
        ],
      },
    ],
  };
}

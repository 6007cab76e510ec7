/**
 * The simulator's address space: `<machine id>.<signal>` for the simulated machines and
 * `load.<n>` for bench load tags. Lists the signals each kind of machine serves, what
 * type of value each one is, and turns a wrong address into a message that names it and
 * lists what would have been valid.
 */

/** The natural type of a signal's value, before coercion to a tag's declared data type. */
export type SignalKind = 'state' | 'string' | 'counter' | 'float' | 'waveform';

const packagingSignals: Record<string, SignalKind> = {
  state: 'state',
  fault_code: 'string',
  speed: 'float',
  count_total: 'counter',
  count_reject: 'counter',
  cycle_time: 'float',
  motor_current: 'float',
  vibration_rms: 'float',
  drive_temp: 'float',
  energy: 'float',
};

const signalsByKind: Record<string, Record<string, SignalKind>> = {
  filler: { ...packagingSignals, product_temp: 'float', fill_volume: 'float' },
  capper: { ...packagingSignals, head_temp: 'float' },
  labeler: { ...packagingSignals, glue_temp: 'float', glue_setpoint: 'float' },
  'case-packer': { ...packagingSignals },
  'conveyor-motor': {
    state: 'state',
    fault_code: 'string',
    speed: 'float',
    motor_current: 'float',
    winding_temp: 'float',
    bearing_temp: 'float',
    vibration_rms: 'float',
    vibration_waveform: 'waveform',
    energy: 'float',
  },
};

/** What address checks need of the settings (also usable before defaults are applied). */
export interface AddressSpace {
  machines: readonly { id: string; kind: string }[];
  load?: { tags: number } | undefined;
}

export type ParsedAddress = { kind: 'machine'; machine: string; machineKind: string; signal: string } | { kind: 'load'; index: number };

/** Signals served by a machine of the given kind, in catalogue order. */
export function signalsOf(machineKind: string): string[] {
  return Object.keys(signalsByKind[machineKind] ?? {});
}

function parse(address: string, space: AddressSpace): ParsedAddress | string {
  const dot = address.indexOf('.');
  const machineIds = space.machines.map((m) => m.id);
  const targets = [...machineIds, ...(space.load ? ['load'] : [])];
  if (dot <= 0 || dot === address.length - 1) {
    return `address '${address}' is not '<machine>.<signal>'; machines: ${targets.join(', ') || '(none configured)'}`;
  }
  const head = address.slice(0, dot);
  const tail = address.slice(dot + 1);
  if (head === 'load') {
    if (!space.load) return `address '${address}' is a bench load tag, but the simulator settings have no 'load' block`;
    const index = /^(0|[1-9][0-9]*)$/.test(tail) ? Number(tail) : NaN;
    if (!(index < space.load.tags))
      return `load tag '${address}' does not exist: settings.load.tags is ${space.load.tags} (valid: load.0 … load.${space.load.tags - 1})`;
    return { kind: 'load', index };
  }
  const machine = space.machines.find((m) => m.id === head);
  if (!machine) return `unknown machine '${head}' in address '${address}'; expected one of ${targets.join(', ') || '(none configured)'}`;
  const signals = signalsOf(machine.kind);
  if (!signals.includes(tail)) return `unknown signal '${tail}' of machine '${head}'; expected one of ${signals.join(', ')}`;
  return { kind: 'machine', machine: head, machineKind: machine.kind, signal: tail };
}

/** An error message for an address the simulator does not serve, or undefined when it is valid. */
export function addressProblem(address: string, space: AddressSpace): string | undefined {
  const parsed = parse(address, space);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** The parsed address, or throws with the same message `addressProblem` gives. */
export function parseAddress(address: string, space: AddressSpace): ParsedAddress {
  const parsed = parse(address, space);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/** The natural kind of a valid address's value (load tags are analogue). */
export function signalKind(address: string, space: AddressSpace): SignalKind | undefined {
  const parsed = parse(address, space);
  if (typeof parsed === 'string') return undefined;
  if (parsed.kind === 'load') return 'float';
  return signalsByKind[parsed.machineKind]?.[parsed.signal];
}

/**
 * The contract's engineering-mode calls, answered by the config keeper (config-keeper.ts):
 * the running config, checking and previewing an edit, applying it, the versions and a
 * rollback, and reading a Modbus register map into tags. Applying and rolling back carry the
 * author, which the secured service fills in from the signed-in account. In replay there is
 * no keeper, and each call says why.
 */
import { addTagsToConfigText } from '../config/edit.js';
import { modbusMapAddition, readModbusMapCsv } from '../config/modbus-map.js';
import { fail, isErrorCode, ok, type ConfigApplied, type HmiApi, type HmiRequest, type Result } from '../contract/index.js';
import { LinesideError } from '../model/errors.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ConfigKeeper } from './config-keeper.js';

type Authored<M extends 'configApply' | 'configRollback'> = HmiRequest<M> & { author: string };

export interface EngineeringCalls extends Pick<HmiApi, 'configCurrent' | 'configCheck' | 'configPreview' | 'configVersions' | 'configVersion' | 'modbusMapImport' | 'configSealSecret'> {
  configApply(req: Authored<'configApply'>): Promise<Result<ConfigApplied>>;
  configRollback(req: Authored<'configRollback'>): Promise<Result<ConfigApplied>>;
}

export function engineeringCalls(keeper: ConfigKeeper | undefined, runtime: Pick<Runtime, 'plant'>): EngineeringCalls {
  /** Runs a keeper call; a config the keeper refuses is reported after `invalidWhat` ("the change cannot be applied: …"). */
  const withKeeper = async <T>(call: (keeper: ConfigKeeper) => T | Promise<T>, invalidWhat?: string): Promise<Result<T>> => {
    if (!keeper) return fail('not-found', 'the plant config is changed in the live app, not in a replay (replay a capture with another config: lineside replay FILE --config EDITED.yaml)');
    try {
      return ok(await call(keeper));
    } catch (error) {
      if (error instanceof LinesideError && error.code === 'config-invalid' && invalidWhat) return fail('config-invalid', `${invalidWhat}: ${error.message}`);
      if (error instanceof LinesideError) return fail(isErrorCode(error.code) ? error.code : 'invalid-request', error.message);
      throw error;
    }
  };
  return {
    configCurrent: () => withKeeper((k) => k.current()),
    configCheck: ({ yaml }) => withKeeper((k) => k.check(yaml)),
    configPreview: ({ yaml }) => withKeeper((k) => k.preview(yaml)),
    configApply: ({ yaml, comment, baseVersion, author }) => withKeeper((k) => k.apply(yaml, { author, comment, baseVersion }), 'the change cannot be applied'),
    configVersions: () => withKeeper((k) => k.versions()),
    configVersion: ({ version }) => withKeeper((k) => k.version(version)),
    configRollback: ({ version, comment, baseVersion, author }) =>
      withKeeper((k) => k.rollback(version, { author, comment: `rollback to version ${version}: ${comment}`, baseVersion }), `version ${version} cannot be applied again`),
    configSealSecret: ({ secret }) =>
      withKeeper((k) => {
        if (!k.seal) throw new LinesideError('not-found', 'this app has no key to seal secrets with');
        return { sealed: k.seal(secret) };
      }),
    modbusMapImport: ({ csv, device, line, asset, sampleRateMs }) =>
      withKeeper((k) => {
        // The device's own unit and byte order are the defaults for addresses that leave them out.
        const known = runtime.plant.devices.find((d) => d.id === device);
        if (known?.driver !== 'modbus') {
          throw new LinesideError('invalid-request', `modbusMapImport: device "${device}" is not a Modbus device of this plant; add it (host, port, unit) in the config first${known ? ` (it is a ${known.driver} device)` : ''}`);
        }
        const settings = known.settings as { unit?: number; byteOrder?: 'ABCD' | 'CDAB' | 'BADC' | 'DCBA' };
        const { rows, errors } = readModbusMapCsv(csv, { ...(settings.unit !== undefined ? { unitDefault: settings.unit } : {}), ...(settings.byteOrder ? { byteOrderDefault: settings.byteOrder } : {}) });
        if (rows.length === 0) return { tags: [], errors };
        const running = k.current().yaml;
        const addition = modbusMapAddition(rows, { deviceId: device, lineId: line, asset: { id: asset, name: asset, kind: 'modbus', description: `Registers of ${device}` }, sampleRateMs });
        return { tags: rows.map(({ name, address, type, unit, scale, line: at }) => ({ name, address, type, unit, scale, line: at })), errors, yaml: addTagsToConfigText(running, addition) };
      }),
  };
}

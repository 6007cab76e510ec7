/**
 * The OPC UA calls of the contract: discover a server's endpoints, open a browse connection
 * (stopping at an untrusted server certificate so the user decides), browse, search,
 * describe, trust or reject certificates, and add picked variables to the plant as tags.
 *
 * Adding variables edits the running config text (core/config/edit.ts) through the config
 * keeper, which checks it with the same schemas as at start-up, applies it live (only the
 * OPC UA device starts or restarts; every other driver keeps its connection), stores it as a
 * new version and saves it to the config file when that file may be written. Added tags are read-only: writes stay something an
 * engineer enables on purpose. Browse connections belong to a session and close with it.
 */
import { addTagsToConfigText, type TagAddition } from '../config/edit.js';
import { fail, ok, type AddVariablesOutcome, type HmiApi, type HmiRequest, type OpcuaConnection, type Result } from '../contract/index.js';
import type { DriverFactory } from '../drivers/driver.js';
import { OpcuaCertificateUntrustedError, opcuaSettingsSchema, type OpcuaBrowser, type OpcuaTools } from '../drivers/opcua/index.js';
import type { Logger } from '../runtime/logger.js';
import type { Runtime } from '../runtime/runtime.js';
import type { ConfigKeeper } from './config-keeper.js';

export interface OpcuaWorkbenchOptions {
  runtime: Runtime;
  tools: OpcuaTools;
  drivers: readonly DriverFactory<any>[];
  log: Logger;
  /** Where the plant config changes: live, as a new version, saved to the file when it may be. */
  config: ConfigKeeper;
}

type OpcuaCalls = Pick<HmiApi, 'opcuaDiscover' | 'opcuaConnect' | 'opcuaCertificates' | 'opcuaTrust' | 'opcuaBrowse' | 'opcuaSearch' | 'opcuaDescribe' | 'opcuaDisconnect'> & {
  /** The secured service adds who did it, for the config version's author. */
  opcuaAddVariables(req: HmiRequest<'opcuaAddVariables'> & { author: string }): Promise<Result<AddVariablesOutcome>>;
};

export interface OpcuaWorkbench {
  /** The calls for one session; `close` ends its browse connections. */
  openSession(): OpcuaCalls & { close(): void };
}

interface OpenBrowser {
  browser: OpcuaBrowser;
  connection: OpcuaConnection;
}

let nextBrowserId = 1;

export function createOpcuaWorkbench(options: OpcuaWorkbenchOptions): OpcuaWorkbench {
  const { runtime, tools, log } = options;

  const failure = (what: string, error: unknown) => {
    log.warn({ err: error }, `OPC UA ${what} failed`);
    return fail<never>('connection-failed', `${what} failed: ${(error as Error).message}`);
  };

  return {
    openSession() {
      const browsers = new Map<number, OpenBrowser>();
      const browserOf = (id: number): OpenBrowser | Result<never> => browsers.get(id) ?? fail('not-found', `no open OPC UA connection ${id}; connect again`);

      const addVariables = async (req: HmiRequest<'opcuaAddVariables'> & { author: string }): Promise<Result<AddVariablesOutcome>> => {
        const open = browserOf(req.browserId);
        if ('ok' in open) return open;
        const line = runtime.plant.lines.find((l) => l.id === req.line);
        if (!line) return fail('config-invalid', `line: "${req.line}" is not a line of this plant; expected one of ${runtime.plant.lines.map((l) => l.id).join(', ')}`);
        let described;
        try {
          described = await open.browser.describe(req.variables.map((v) => v.nodeId));
        } catch (error) {
          return failure('reading the variables', error);
        }
        const tags: TagAddition[] = [];
        for (const [i, pick] of req.variables.entries()) {
          const variable = described[i];
          if (!variable) return fail('not-found', `variables.${i}: ${pick.nodeId} was not found on the server`);
          if (!variable.dataType) {
            return fail('config-invalid', `variables.${i}: ${pick.nodeId} (${variable.displayName}) is of OPC UA type ${variable.dataTypeName}, which Lineside cannot hold; expected a number, boolean or string variable`);
          }
          tags.push({
            name: pick.name,
            address: pick.nodeId,
            type: variable.dataType,
            unit: variable.unit,
            description: variable.description || variable.displayName,
            sampleRateMs: pick.sampleRateMs,
            rateReason: `Chosen when added from the OPC UA browser (${open.connection.endpointUrl}).`,
            writable: false,
            ...(variable.range && variable.range.max > variable.range.min ? { range: variable.range } : {}),
          });
        }
        const deviceId = deviceIdFor(runtime, open.connection.endpointUrl);
        const existing = line.assets.find((a) => a.id === req.asset);
        const assetPath = `${line.id}/${req.asset}`;
        try {
          const applied = await options.config.edit(
            (text) =>
              addTagsToConfigText(text, {
                device: { id: deviceId, driver: 'opcua', settings: settingsFor(open.connection) },
                lineId: line.id,
                asset: { id: req.asset, name: existing?.name ?? req.assetName ?? req.asset, kind: existing?.kind ?? 'opcua', description: existing?.description ?? `Variables of ${open.connection.endpointUrl}` },
                tags,
              }),
            { author: req.author, comment: `added from the OPC UA browser (${open.connection.endpointUrl}): ${tags.map((t) => t.name).join(', ')} on ${assetPath}` },
          );
          const outcome = { deviceId, assetPath, tags: tags.map((t) => `${assetPath}/${t.name}`) };
          return ok({ ...outcome, ...(applied.savedTo ? { savedTo: applied.savedTo } : { notSaved: applied.notSaved ?? 'not saved' }) });
        } catch (error) {
          return fail('config-invalid', `the variables cannot be added: ${(error as Error).message}`);
        }
      };

      return {
        async opcuaDiscover({ endpointUrl }) {
          try {
            return ok(await tools.discover(endpointUrl));
          } catch (error) {
            return failure(`discovering ${endpointUrl}`, error);
          }
        },
        async opcuaConnect(connection) {
          try {
            const browser = await tools.openBrowser(opcuaSettingsSchema.parse(settingsFor(connection)));
            const browserId = nextBrowserId++;
            browsers.set(browserId, { browser, connection });
            return ok({ state: 'connected', browserId, securityMode: browser.securityMode, securityPolicy: browser.securityPolicy });
          } catch (error) {
            if (error instanceof OpcuaCertificateUntrustedError) return ok({ state: 'untrusted', certificate: error.certificate });
            return failure(`connecting to ${connection.endpointUrl}`, error);
          }
        },
        async opcuaCertificates() {
          try {
            const own = await tools.ownCertificate();
            const servers = await tools.certificates();
            return ok([{ ...own, status: 'own' as const }, ...servers]);
          } catch (error) {
            return failure('listing certificates', error);
          }
        },
        async opcuaTrust({ thumbprint, trust }) {
          const known = (await tools.certificates()).some((c) => c.thumbprint === thumbprint);
          if (!known) return fail('not-found', `no server certificate with thumbprint ${thumbprint}; connect to the server first so that it is listed`);
          try {
            await (trust ? tools.trust(thumbprint) : tools.reject(thumbprint));
            log.info({ thumbprint, trust }, trust ? 'OPC UA server certificate trusted' : 'OPC UA server certificate rejected');
            return ok(null);
          } catch (error) {
            return failure(trust ? 'trusting the certificate' : 'rejecting the certificate', error);
          }
        },
        async opcuaBrowse({ browserId, nodeId, continuationPoint }) {
          const open = browserOf(browserId);
          if ('ok' in open) return open;
          try {
            return ok(await open.browser.browse(nodeId, continuationPoint));
          } catch (error) {
            return failure(`browsing ${nodeId ?? 'Objects'}`, error);
          }
        },
        async opcuaSearch({ browserId, text, under }) {
          const open = browserOf(browserId);
          if ('ok' in open) return open;
          try {
            return ok(await open.browser.search(text, under ? { under } : {}));
          } catch (error) {
            return failure(`searching for "${text}"`, error);
          }
        },
        async opcuaDescribe({ browserId, nodeIds }) {
          const open = browserOf(browserId);
          if ('ok' in open) return open;
          try {
            return ok(await open.browser.describe(nodeIds));
          } catch (error) {
            return failure('reading the variables', error);
          }
        },
        opcuaAddVariables: addVariables,
        async opcuaDisconnect({ browserId }) {
          const open = browsers.get(browserId);
          if (!open) return fail('not-found', `no open OPC UA connection ${browserId}`);
          browsers.delete(browserId);
          await open.browser.close().catch((error: unknown) => log.warn({ err: error }, 'OPC UA browse connection did not close cleanly'));
          return ok(null);
        },
        close() {
          for (const { browser } of browsers.values()) void browser.close().catch(() => undefined);
          browsers.clear();
        },
      };
    },
  };
}

/** The device settings for a connection as the user chose it. */
function settingsFor(connection: OpcuaConnection): Record<string, unknown> {
  return { endpointUrl: connection.endpointUrl, securityMode: connection.securityMode, securityPolicy: connection.securityPolicy, user: connection.user };
}

/** The plant's OPC UA device for this endpoint, or a new id named after it ("opcua-127-0-0-1-4840"). */
function deviceIdFor(runtime: Runtime, endpointUrl: string): string {
  const existing = runtime.plant.devices.find((d) => d.driver === 'opcua' && (d.settings as { endpointUrl?: string }).endpointUrl === endpointUrl);
  if (existing) return existing.id;
  const base = `opcua-${endpointUrl.replace(/^opc\.tcp:\/\//, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}`.slice(0, 60);
  let id = base;
  for (let n = 2; runtime.plant.devices.some((d) => d.id === id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The OPC UA tools for the UI: our own certificate, the server certificates and their
 * trust, endpoint discovery and address-space browsing (types.ts has the API). The
 * OPC UA stack is loaded on first use, not when the app starts: a plant without OPC UA
 * devices never pays for it.
 */
import type { Logger } from '../../runtime/logger.js';
import type { OpcuaTools } from './types.js';

export type { OpcuaBrowser, OpcuaCertificate, OpcuaEndpoint, OpcuaNode, OpcuaTools, OpcuaVariable } from './types.js';
export { OpcuaCertificateUntrustedError } from './types.js';

export function createOpcuaTools(options: { stateDir: string; log: Logger }): OpcuaTools {
  let tools: Promise<OpcuaTools> | undefined;
  const load = () => (tools ??= import('./tools-impl.js').then((m) => m.createOpcuaToolsImpl(options)));
  return {
    ownCertificate: async () => (await load()).ownCertificate(),
    discover: async (endpointUrl) => (await load()).discover(endpointUrl),
    certificates: async () => (await load()).certificates(),
    trust: async (thumbprint) => (await load()).trust(thumbprint),
    reject: async (thumbprint) => (await load()).reject(thumbprint),
    openBrowser: async (settings) => (await load()).openBrowser(settings),
    close: async () => {
      if (tools) await (await tools).close();
    },
  };
}

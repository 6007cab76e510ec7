/**
 * The OPC UA tools behind tools.ts, where node-opcua is loaded: certificates of the shared
 * PKI, endpoint discovery, and browser sessions. Every browser opened here is closed by
 * close().
 */
import type { Logger } from '../../runtime/logger.js';
import { SessionBrowser } from './browser.js';
import { routeLibraryLogs } from './library-log.js';
import { listCertificates, opcuaPki, ownCertificate, rejectCertificate, trustCertificate } from './pki.js';
import { compareEndpoints, getEndpoints, openSession, toEndpoint } from './session.js';
import { opcuaSettingsSchema, type OpcuaSettings } from './settings.js';
import type { OpcuaBrowser, OpcuaTools } from './types.js';

/** GetEndpoints is a quick question: a server that does not answer it within this is not there. */
const DISCOVERY_TIMEOUT_MS = 5000;

export function createOpcuaToolsImpl(options: { stateDir: string; log: Logger }): OpcuaTools {
  routeLibraryLogs(options.log);
  const browsers = new Set<OpcuaBrowser>();
  const pki = () => opcuaPki(options.stateDir);
  return {
    async ownCertificate() {
      return ownCertificate(await pki());
    },
    async discover(endpointUrl) {
      const url = opcuaSettingsSchema.shape.endpointUrl.parse(endpointUrl);
      const endpoints = (await getEndpoints(await pki(), url, DISCOVERY_TIMEOUT_MS)).map(toEndpoint);
      return endpoints.sort(compareEndpoints);
    },
    async certificates() {
      return listCertificates(await pki());
    },
    async trust(thumbprint) {
      await trustCertificate(await pki(), thumbprint);
      options.log.info({ thumbprint }, 'opcua server certificate trusted');
    },
    async reject(thumbprint) {
      await rejectCertificate(await pki(), thumbprint);
      options.log.info({ thumbprint }, 'opcua server certificate rejected');
    },
    async openBrowser(settings: OpcuaSettings) {
      const open = await openSession(await pki(), opcuaSettingsSchema.parse(settings));
      const browser = new SessionBrowser(open);
      browsers.add(browser);
      const close = browser.close.bind(browser);
      browser.close = async () => {
        browsers.delete(browser);
        await close();
      };
      return browser;
    },
    async close() {
      await Promise.all([...browsers].map((browser) => browser.close()));
    },
  };
}

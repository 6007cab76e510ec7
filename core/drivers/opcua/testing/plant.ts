/**
 * Fixtures of the OPC UA driver tests: a plant whose one device is an OPC UA server, the
 * test server's variables for its tags, temporary folders, and the first-contact
 * certificate dance (the server certificate is rejected, then trusted through the tools).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TagDataType } from '../../../contract/index.js';
import type { Plant, Tag } from '../../../model/plant.js';
import type { Sample } from '../../../model/sample.js';
import { silentLogger } from '../../../runtime/logger.js';
import { opcuaSettingsSchema, type OpcuaSettings } from '../settings.js';
import type { TestServerVariable } from '../test-server.js';
import { createOpcuaTools } from '../tools.js';
import { OpcuaCertificateUntrustedError } from '../types.js';

export const SITE = 'Test Site';
export const AREA = 'Packaging';
export const USER = { username: 'operator', password: 'line-side-1' };

/** A tag of asset line1/plc served at `ns=<ns>;s=line1/plc/<name>`. */
export function opcuaTag(name: string, namespaceIndex: number, extra: Partial<Tag> = {}): Tag {
  const path = `line1/plc/${name}`;
  return { path, name, assetPath: 'line1/plc', deviceId: 'plc', address: `ns=${namespaceIndex};s=${path}`, dataType: 'float64', unit: '', description: '', sampleRateMs: 100, rateReason: 'test', writable: false, ...extra };
}

export function opcuaPlant(settings: Partial<OpcuaSettings> & { endpointUrl: string }, tags: Tag[]): Plant {
  return {
    site: SITE,
    area: AREA,
    faultTexts: {},
    retention: [],
    alarms: [],
    source: 'opcua test',
    devices: [{ id: 'plc', driver: 'opcua', settings: opcuaSettingsSchema.parse(settings) }],
    lines: [{ path: 'line1', id: 'line1', name: 'Line 1', assets: [{ path: 'line1/plc', id: 'plc', name: 'PLC', kind: 'plc', description: '', tags }] }],
  };
}

/** The test server variable for a tag (browse name = tag name). */
export function variableFor(tag: Tag, initial: number | boolean | string = 0, extra: Partial<TestServerVariable> = {}): TestServerVariable {
  return { path: tag.path, browseName: tag.name, dataType: tag.dataType as Exclude<TagDataType, 'waveform'>, unit: tag.unit, description: tag.description, writable: tag.writable, initial, ...extra };
}

export function tempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `lineside-opcua-${label}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Trusts the server's certificate in the PKI of `stateDir` the way a user does: the first
 * secure connection is refused with the certificate (now in the rejected list), then the
 * user trusts it. Returns the thumbprint.
 */
export async function trustServer(stateDir: string, settings: OpcuaSettings): Promise<string> {
  const tools = createOpcuaTools({ stateDir, log: silentLogger() });
  try {
    const refusal = await tools.openBrowser(settings).then(
      async (browser) => {
        await browser.close();
        throw new Error('the first secure connection to an unknown server was accepted: its certificate was trusted silently');
      },
      (error: unknown) => error,
    );
    if (!(refusal instanceof OpcuaCertificateUntrustedError)) throw refusal;
    await tools.trust(refusal.certificate.thumbprint);
    return refusal.certificate.thumbprint;
  } finally {
    await tools.close();
  }
}

/** Waits until `predicate` holds, polling every 10 ms; false after `ms`. */
export async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

/** Collects published samples; `latest(path)` is the last one of a tag. */
export function sampleLog() {
  const all: (Sample & { at: number })[] = [];
  const last = new Map<string, Sample & { at: number }>();
  return {
    all,
    publish(samples: readonly Sample[]) {
      const at = Date.now();
      for (const s of samples) {
        const entry = { ...s, at };
        all.push(entry);
        last.set(s.path, entry);
      }
    },
    latest: (path: string) => last.get(path),
  };
}

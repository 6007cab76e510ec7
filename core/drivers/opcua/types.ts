/**
 * The OPC UA tools' API for the UI (certificates, endpoints, browsing), as plain data the
 * service can pass across the contract. Pure: no node-opcua here, so importing the types
 * or the error class does not load the OPC UA stack.
 */
import type { CertificateInfo, OpcuaEndpointInfo, OpcuaNodeInfo, OpcuaVariableInfo, TagDataType } from '../../contract/index.js';
import { LinesideError } from '../../model/errors.js';
import type { OpcuaSettings } from './settings.js';

/** A server certificate in the trust lists (the contract's CertificateInfo, never our own). */
export type OpcuaCertificate = Omit<CertificateInfo, 'status'> & { status: 'trusted' | 'rejected' };

export type OpcuaEndpoint = OpcuaEndpointInfo;

export type OpcuaNodeClass = 'Object' | 'Variable' | 'Method' | 'ObjectType' | 'VariableType' | 'ReferenceType' | 'DataType' | 'View';

export type OpcuaNode = Omit<OpcuaNodeInfo, 'nodeClass' | 'path'> & { nodeClass: OpcuaNodeClass };

/** A variable as the contract describes it; `dataType` is undefined when we have none (arrays, structures, dates). */
export type OpcuaVariable = Omit<OpcuaVariableInfo, 'dataType'> & { dataType: TagDataType | undefined };

/** The server's certificate is not in the trust list (it is now in the rejected list, for the user to trust). */
export class OpcuaCertificateUntrustedError extends LinesideError {
  constructor(readonly certificate: OpcuaCertificate) {
    super('opcua-certificate-untrusted', untrustedReason(certificate));
    this.name = 'OpcuaCertificateUntrustedError';
  }
}

/** The reason shown on a device's tags while its server certificate is not trusted. */
export function untrustedReason(certificate: OpcuaCertificate): string {
  const cn = /(?:^|,\s*)CN=([^,]*)/.exec(certificate.subject)?.[1];
  return `server certificate not trusted: ${cn ? `CN=${cn}` : certificate.subject}, thumbprint ${certificate.thumbprint}; trust it under Connections`;
}

export interface OpcuaBrowser {
  /** The security the browse session runs with (what 'auto' chose). */
  readonly securityMode: OpcuaEndpoint['securityMode'];
  readonly securityPolicy: string;
  /** Children (hierarchical references, forward) of a node (ObjectsFolder when omitted); at most `max` (default 200) per call; pass the returned continuationPoint to get the next page (BrowseNext). */
  browse(nodeId?: string, continuationPoint?: string, max?: number): Promise<{ nodes: OpcuaNode[]; continuationPoint?: string }>;
  /** Breadth-first search by browse name (case-insensitive substring) under a node (Objects by default), bounded: at most `limit` results (default 100) and 5,000 nodes visited; each result with its browse path from the start node. */
  search(text: string, options?: { under?: string; limit?: number }): Promise<(OpcuaNode & { path: string[] })[]>;
  /** Data type, unit, range, access for "add to plant config". */
  describe(nodeIds: string[]): Promise<OpcuaVariable[]>;
  close(): Promise<void>;
}

export interface OpcuaTools {
  /** The app's own application instance certificate, created on first use. */
  ownCertificate(): Promise<OpcuaCertificate>;
  /** GetEndpoints, most secure first. */
  discover(endpointUrl: string): Promise<OpcuaEndpoint[]>;
  /** Server certificates in trusted/ and rejected/. */
  certificates(): Promise<OpcuaCertificate[]>;
  /** Moves a rejected certificate to trusted (a trusted one stays trusted). */
  trust(thumbprint: string): Promise<void>;
  /** Moves a trusted certificate to rejected (or keeps it rejected). */
  reject(thumbprint: string): Promise<void>;
  /** A session for browsing with the same settings a device would use; rejects with OpcuaCertificateUntrustedError (carrying the server certificate, which is then in the rejected list) when the server's certificate is not trusted. */
  openBrowser(settings: OpcuaSettings): Promise<OpcuaBrowser>;
  close(): Promise<void>;
}

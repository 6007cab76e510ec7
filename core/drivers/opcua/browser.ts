/**
 * Browsing a server's address space for the UI: one page of a node's children
 * (continuation points for the rest), a bounded breadth-first search by browse name, and
 * the facts "add to plant config" needs about variables (data type, unit, EURange, access).
 * Every request stays within the server's MaxNodesPerBrowse / MaxNodesPerRead.
 */
import {
  AttributeIds,
  BrowseDirection,
  type BrowseResult,
  type DataType,
  type DataValue,
  findBasicDataType,
  NodeClass,
  type NodeId,
  ObjectIds,
  type ReferenceDescription,
  ReferenceTypeIds,
  resolveNodeId,
  VariableIds,
} from 'node-opcua';
import { LinesideError } from '../../model/errors.js';
import { closeQuietly, oneLine, type OpenSession } from './session.js';
import type { OpcuaBrowser, OpcuaNode, OpcuaNodeClass, OpcuaVariable } from './types.js';
import { tagDataTypeOf } from './values.js';

const MAX_VISITED = 5000;
/** Nodes per request when the server sets no limit (a request stays a reasonable size). */
const DEFAULT_BATCH = 100;

const nodeClassNames: Partial<Record<NodeClass, OpcuaNodeClass>> = {
  [NodeClass.Object]: 'Object',
  [NodeClass.Variable]: 'Variable',
  [NodeClass.Method]: 'Method',
  [NodeClass.ObjectType]: 'ObjectType',
  [NodeClass.VariableType]: 'VariableType',
  [NodeClass.ReferenceType]: 'ReferenceType',
  [NodeClass.DataType]: 'DataType',
  [NodeClass.View]: 'View',
};

function parseNodeId(text: string): NodeId {
  try {
    return resolveNodeId(text);
  } catch (error) {
    throw new LinesideError('invalid-request', `'${text}' is not a NodeId (${oneLine(error)}): expected a NodeId such as ns=2;s=Line1.Speed or i=85`);
  }
}

function toNode(reference: ReferenceDescription): Omit<OpcuaNode, 'hasChildren'> {
  return {
    nodeId: reference.nodeId.toString(),
    browseName: reference.browseName.name ?? '',
    displayName: reference.displayName.text ?? reference.browseName.name ?? '',
    nodeClass: nodeClassNames[reference.nodeClass] ?? 'Object',
  };
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function hierarchical(nodeId: NodeId | string) {
  return { nodeId, browseDirection: BrowseDirection.Forward, referenceTypeId: ReferenceTypeIds.HierarchicalReferences, includeSubtypes: true, nodeClassMask: 0, resultMask: 0x3f };
}

export class SessionBrowser implements OpcuaBrowser {
  private limits: Promise<{ perBrowse: number; perRead: number }> | undefined;

  readonly securityMode: OpcuaBrowser['securityMode'];
  readonly securityPolicy: string;

  constructor(private readonly open: OpenSession) {
    this.securityMode = open.endpoint.securityMode;
    this.securityPolicy = open.endpoint.securityPolicy;
  }

  private get session() {
    return this.open.session;
  }

  private operationLimits() {
    this.limits ??= this.session
      .read([VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerBrowse, VariableIds.Server_ServerCapabilities_OperationLimits_MaxNodesPerRead].map((id) => ({ nodeId: resolveNodeId(id), attributeId: AttributeIds.Value })))
      .then((values) => {
        const limit = (v: DataValue | undefined) => (v?.statusCode.isGood() && Number(v.value.value) > 0 ? Math.min(DEFAULT_BATCH, Number(v.value.value)) : DEFAULT_BATCH);
        return { perBrowse: limit(values[0]), perRead: limit(values[1]) };
      })
      .catch(() => ({ perBrowse: DEFAULT_BATCH, perRead: DEFAULT_BATCH }));
    return this.limits;
  }

  private async browseMany(descriptions: ReturnType<typeof hierarchical>[], maxReferences: number): Promise<BrowseResult[]> {
    const { perBrowse } = await this.operationLimits();
    const out: BrowseResult[] = [];
    for (const part of chunk(descriptions, perBrowse)) {
      // node-opcua builds the request synchronously from this field: set it right before.
      this.session.requestedMaxReferencesPerNode = maxReferences;
      out.push(...(await this.session.browse(part)));
    }
    return out;
  }

  private async readMany(nodes: { nodeId: NodeId | string; attributeId: number }[]): Promise<DataValue[]> {
    const { perRead } = await this.operationLimits();
    const out: DataValue[] = [];
    for (const part of chunk(nodes, perRead)) out.push(...(await this.session.read(part)));
    return out;
  }

  /** Whether each node has hierarchical children: one reference each is enough to know. */
  private async withChildren(nodes: Omit<OpcuaNode, 'hasChildren'>[]): Promise<OpcuaNode[]> {
    if (nodes.length === 0) return [];
    const results = await this.browseMany(
      nodes.map((n) => hierarchical(n.nodeId)),
      1,
    );
    // The server kept a continuation point for every node with more than one child: release them.
    const points = results.map((r) => r.continuationPoint).filter((p): p is Buffer => !!p && p.length > 0);
    if (points.length > 0) await this.session.browseNext(points, true).catch(() => undefined);
    return nodes.map((node, i) => {
      const result = results[i]!;
      // Out of continuation points the server may answer with an error: then we cannot tell, and say yes.
      const hasChildren = result.statusCode.isGood() ? (result.references?.length ?? 0) > 0 : true;
      return { ...node, hasChildren };
    });
  }

  async browse(nodeId?: string, continuationPoint?: string, max = 200): Promise<{ nodes: OpcuaNode[]; continuationPoint?: string }> {
    const where = nodeId ?? 'Objects';
    let result: BrowseResult;
    if (continuationPoint) {
      result = await this.session.browseNext(Buffer.from(continuationPoint, 'base64'), false);
    } else {
      const start = nodeId ? parseNodeId(nodeId) : resolveNodeId(ObjectIds.ObjectsFolder);
      this.session.requestedMaxReferencesPerNode = Math.max(1, Math.floor(max));
      result = await this.session.browse(hierarchical(start));
    }
    if (!result.statusCode.isGood()) throw new LinesideError('opcua-browse', `cannot browse ${where}: ${result.statusCode.name}`);
    const nodes = await this.withChildren((result.references ?? []).map(toNode));
    const next = result.continuationPoint && result.continuationPoint.length > 0 ? result.continuationPoint.toString('base64') : undefined;
    return next ? { nodes, continuationPoint: next } : { nodes };
  }

  async search(text: string, options: { under?: string; limit?: number } = {}): Promise<(OpcuaNode & { path: string[] })[]> {
    const wanted = text.toLowerCase();
    const limit = Math.max(1, options.limit ?? 100);
    const start = options.under ? parseNodeId(options.under) : resolveNodeId(ObjectIds.ObjectsFolder);
    const found: (Omit<OpcuaNode, 'hasChildren'> & { path: string[] })[] = [];
    const visited = new Set<string>([start.toString()]);
    let queue: { nodeId: NodeId | string; path: string[] }[] = [{ nodeId: start, path: [] }];
    while (queue.length > 0 && found.length < limit && visited.size < MAX_VISITED) {
      const { perBrowse } = await this.operationLimits();
      const batch = queue.slice(0, perBrowse);
      queue = queue.slice(perBrowse);
      const results = await this.browseMany(
        batch.map((b) => hierarchical(b.nodeId)),
        0,
      );
      for (let i = 0; i < batch.length; i++) {
        for (const reference of await this.allReferences(results[i]!)) {
          const key = reference.nodeId.toString();
          if (visited.has(key)) continue;
          visited.add(key);
          const node = toNode(reference);
          const path = [...batch[i]!.path, node.browseName];
          if (node.browseName.toLowerCase().includes(wanted) && found.length < limit) found.push({ ...node, path });
          // The standard namespace (0) under Objects is the server's own diagnostics: not plant data.
          const descend = reference.nodeId.namespace !== 0 && (reference.nodeClass === NodeClass.Object || reference.nodeClass === NodeClass.Variable || reference.nodeClass === NodeClass.View);
          if (descend) queue.push({ nodeId: key, path });
          if (visited.size >= MAX_VISITED) break;
        }
      }
    }
    const withChildren = await this.withChildren(found.map(({ path: _path, ...node }) => node));
    return withChildren.map((node, i) => ({ ...node, path: found[i]!.path }));
  }

  /** The references of a browse result, following its continuation points to the end. */
  private async allReferences(result: BrowseResult): Promise<ReferenceDescription[]> {
    if (!result.statusCode.isGood()) return [];
    const references = [...(result.references ?? [])];
    let point = result.continuationPoint;
    while (point && point.length > 0 && references.length < MAX_VISITED) {
      const next = await this.session.browseNext(point, false);
      references.push(...(next.references ?? []));
      point = next.continuationPoint;
    }
    if (point && point.length > 0) await this.session.browseNext(point, true).catch(() => undefined);
    return references;
  }

  async describe(nodeIds: string[]): Promise<OpcuaVariable[]> {
    const ids = nodeIds.map(parseNodeId);
    const attributes = [AttributeIds.NodeClass, AttributeIds.BrowseName, AttributeIds.DisplayName, AttributeIds.Description, AttributeIds.DataType, AttributeIds.ValueRank, AttributeIds.UserAccessLevel, AttributeIds.MinimumSamplingInterval];
    const values = await this.readMany(ids.flatMap((nodeId) => attributes.map((attributeId) => ({ nodeId, attributeId }))));
    const row = (i: number) => values.slice(i * attributes.length, (i + 1) * attributes.length);
    ids.forEach((id, i) => {
      const [nodeClass] = row(i);
      if (!nodeClass!.statusCode.isGood()) throw new LinesideError('not-found', `no node ${nodeIds[i]} on the server (${nodeClass!.statusCode.name})`);
      if (nodeClass!.value.value !== NodeClass.Variable) throw new LinesideError('invalid-request', `${id.toString()} is not a variable (it is ${nodeClassNames[nodeClass!.value.value as NodeClass] ?? 'another node class'})`);
    });

    // EURange and EngineeringUnits are properties (HasProperty) of the variable.
    const properties = await this.browseMany(
      ids.map((nodeId) => ({ ...hierarchical(nodeId), referenceTypeId: ReferenceTypeIds.HasProperty, includeSubtypes: false })),
      0,
    );
    const propertyReads: { nodeId: NodeId; attributeId: number; index: number; name: 'EURange' | 'EngineeringUnits' }[] = [];
    properties.forEach((result, index) => {
      for (const reference of result.references ?? []) {
        const name = reference.browseName.name;
        if (name === 'EURange' || name === 'EngineeringUnits') propertyReads.push({ nodeId: resolveNodeId(reference.nodeId.toString()), attributeId: AttributeIds.Value, index, name });
      }
    });
    const propertyValues = await this.readMany(propertyReads);

    // Data type names and built-in types, once per data type.
    const dataTypeIds = [...new Map(ids.map((_, i) => row(i)[4]!).filter((v) => v.statusCode.isGood()).map((v) => [(v.value.value as NodeId).toString(), v.value.value as NodeId])).values()];
    const typeNames = await this.readMany(dataTypeIds.map((nodeId) => ({ nodeId, attributeId: AttributeIds.BrowseName })));
    const types = new Map<string, { name: string; builtIn: DataType | undefined }>();
    for (let i = 0; i < dataTypeIds.length; i++) {
      const builtIn = await findBasicDataType(this.session, dataTypeIds[i]!).catch(() => undefined);
      types.set(dataTypeIds[i]!.toString(), { name: (typeNames[i]?.value.value as { name?: string } | null)?.name ?? dataTypeIds[i]!.toString(), builtIn });
    }

    return ids.map((nodeId, i): OpcuaVariable => {
      const [, browseName, displayName, description, dataType, valueRank, userAccessLevel, minimumSampling] = row(i) as DataValue[];
      const type = dataType!.statusCode.isGood() ? types.get((dataType!.value.value as NodeId).toString()) : undefined;
      // ValueRank -1 scalar, -2 any, -3 scalar or array (AnalogItemType's default is -2); 0 and up: arrays.
      const scalar = !valueRank!.statusCode.isGood() || Number(valueRank!.value.value) < 0;
      let unit = '';
      let range: { min: number; max: number } | undefined;
      propertyReads.forEach((read, k) => {
        if (read.index !== i || !propertyValues[k]?.statusCode.isGood()) return;
        const value = propertyValues[k]!.value.value as { displayName?: { text?: string | null }; low?: number; high?: number } | null;
        if (read.name === 'EngineeringUnits') unit = value?.displayName?.text ?? '';
        else if (typeof value?.low === 'number' && typeof value.high === 'number') range = { min: value.low, max: value.high };
      });
      const sampling = minimumSampling!.statusCode.isGood() ? Number(minimumSampling!.value.value) : -1;
      return {
        nodeId: nodeId.toString(),
        browseName: (browseName!.value.value as { name?: string } | null)?.name ?? '',
        displayName: (displayName!.value.value as { text?: string } | null)?.text ?? '',
        description: (description!.value.value as { text?: string } | null)?.text ?? '',
        dataType: scalar && type?.builtIn !== undefined ? tagDataTypeOf(type.builtIn) : undefined,
        dataTypeName: type?.name ?? '',
        unit,
        ...(range ? { range } : {}),
        writable: userAccessLevel!.statusCode.isGood() && (Number(userAccessLevel!.value.value) & 0x02) !== 0,
        ...(sampling >= 0 ? { minimumSamplingIntervalMs: sampling } : {}),
      };
    });
  }

  async close(): Promise<void> {
    await closeQuietly(this.open.client, this.open.session);
  }
}

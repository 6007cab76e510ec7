/**
 * The server's address space as a lazy tree: a folder's children are fetched when it is
 * opened, a page at a time ("Show more" follows the server's continuation point), and a
 * search by browse name lists matches with their path. Variables have a check box that
 * picks them for the add panel. Rows are 48 px high for touch.
 */
import { useEffect, useState } from 'react';
import type { OpcuaNodeInfo } from '../../core/contract/index.js';
import { useServices } from '../app-context.js';
import type { PickedVariable } from './add-panel.js';
import { tagNameFrom } from './names.js';

interface Children {
  nodes: OpcuaNodeInfo[];
  continuationPoint?: string;
}

interface TreeState {
  children: Map<string, Children>;
  open: Set<string>;
  loading: Set<string>;
  error: string | null;
}

const ROOT = '';

export function AddressSpace({ browserId, picked, onPick }: { browserId: number; picked: PickedVariable[]; onPick(next: PickedVariable[]): void }) {
  const { client } = useServices();
  const [tree, setTree] = useState<TreeState>({ children: new Map(), open: new Set([ROOT]), loading: new Set(), error: null });
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<OpcuaNodeInfo[] | null>(null);

  const load = async (nodeId: string, more = false) => {
    setTree((t) => ({ ...t, loading: new Set(t.loading).add(nodeId), error: null }));
    const previous = tree.children.get(nodeId);
    const result = await client.opcuaBrowse({
      browserId,
      ...(nodeId === ROOT ? {} : { nodeId }),
      ...(more && previous?.continuationPoint ? { continuationPoint: previous.continuationPoint } : {}),
    });
    setTree((t) => {
      const loading = new Set(t.loading);
      loading.delete(nodeId);
      if (!result.ok) return { ...t, loading, error: result.error.message };
      const children = new Map(t.children);
      const nodes = more ? [...(t.children.get(nodeId)?.nodes ?? []), ...result.value.nodes] : result.value.nodes;
      children.set(nodeId, { nodes, ...(result.value.continuationPoint ? { continuationPoint: result.value.continuationPoint } : {}) });
      return { ...t, loading, children };
    });
  };

  // The top level (the server's Objects folder) once per connection.
  useEffect(() => {
    void load(ROOT);
  }, [browserId]);

  const toggle = (node: OpcuaNodeInfo) => {
    setTree((t) => {
      const open = new Set(t.open);
      if (open.has(node.nodeId)) open.delete(node.nodeId);
      else open.add(node.nodeId);
      return { ...t, open };
    });
    if (!tree.children.has(node.nodeId)) void load(node.nodeId);
  };

  const isPicked = (nodeId: string) => picked.some((p) => p.nodeId === nodeId);
  const togglePick = (node: OpcuaNodeInfo) => {
    if (isPicked(node.nodeId)) return onPick(picked.filter((p) => p.nodeId !== node.nodeId));
    const taken = new Set(picked.map((p) => p.name));
    onPick([...picked, { nodeId: node.nodeId, displayName: node.displayName, name: tagNameFrom(node.browseName, taken), sampleRateMs: 1000 }]);
  };

  const search = async () => {
    if (query.trim() === '') return setResults(null);
    const result = await client.opcuaSearch({ browserId, text: query.trim() });
    if (!result.ok) return setTree((t) => ({ ...t, error: result.error.message }));
    setResults(result.value);
  };

  const row = (node: OpcuaNodeInfo, depth: number, path?: string[]) => {
    const variable = node.nodeClass === 'Variable';
    const open = tree.open.has(node.nodeId);
    return (
      <li key={`${depth}-${node.nodeId}`} className="as-item">
        <div className="as-row" style={{ paddingLeft: `${12 + depth * 28}px` }} data-testid="as-row" data-node={node.nodeId} data-name={node.browseName}>
          {node.hasChildren ? (
            <button type="button" className="as-toggle" aria-expanded={open} aria-label={`${open ? 'Close' : 'Open'} ${node.displayName}`} onClick={() => toggle(node)}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="as-toggle-space" />
          )}
          {variable ? (
            <label className="as-pick">
              <input type="checkbox" data-testid="as-pick" checked={isPicked(node.nodeId)} onChange={() => togglePick(node)} />
              <span className="as-name">{node.displayName}</span>
            </label>
          ) : (
            <span className="as-name as-folder">{node.displayName}</span>
          )}
          <span className="as-class">{path ? path.join(' / ') : node.nodeClass}</span>
        </div>
        {open && node.hasChildren ? subtree(node.nodeId, depth + 1) : null}
      </li>
    );
  };

  const subtree = (nodeId: string, depth: number) => {
    const children = tree.children.get(nodeId);
    return (
      <ul className="as-list">
        {children?.nodes.map((child) => row(child, depth))}
        {tree.loading.has(nodeId) ? <li className="as-note">Loading…</li> : null}
        {children?.continuationPoint && !tree.loading.has(nodeId) ? (
          <li>
            <button type="button" className="conn-button conn-small as-more" style={{ marginLeft: `${12 + depth * 28}px` }} onClick={() => void load(nodeId, true)}>
              Show more
            </button>
          </li>
        ) : null}
        {children && children.nodes.length === 0 ? <li className="as-note">(empty)</li> : null}
      </ul>
    );
  };

  return (
    <section className="as" aria-label="Browse">
      <form
        className="as-search"
        onSubmit={(event) => {
          event.preventDefault();
          void search();
        }}
      >
        <input className="conn-input" data-testid="as-search" placeholder="Search by browse name" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="conn-button">
          Search
        </button>
        {results ? (
          <button type="button" className="conn-button" onClick={() => setResults(null)}>
            Back to tree
          </button>
        ) : null}
      </form>
      {tree.error ? (
        <p className="conn-error" role="alert">
          {tree.error}
        </p>
      ) : null}
      <div className="as-scroll" data-testid="address-space">
        {results ? (
          <ul className="as-list">
            {results.length === 0 ? <li className="as-note">Nothing found.</li> : results.map((node) => row({ ...node, hasChildren: false }, 0, node.path))}
          </ul>
        ) : (
          subtree(ROOT, 0)
        )}
      </div>
    </section>
  );
}

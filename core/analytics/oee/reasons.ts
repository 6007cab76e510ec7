/**
 * The downtime reason tree (config `oee.reasons`) and the reasons to offer first for a
 * stop. A leaf is a reason the operator can assign; the nodes above it group them (the
 * first tap picks a group or a suggested reason, the second a reason). `likelyReasons`
 * orders every leaf:
 *
 * 1. the leaves the fault code suggests: those whose own `faults` list it, then those below
 *    a group that lists it; among them, the ones assigned most often before for this code
 *    (`history`, when the caller has it), then the code's position in the list, then tree
 *    order. A leaf assigned before for this code but not configured for it comes next;
 * 2. the other leaves of the best suggestion's top-level group;
 * 3. every other leaf, in tree order.
 * Without a fault code (or one nothing suggests) it is just tree order, or history first.
 */
import type { ReasonNode } from '../../model/plant.js';

export interface ReasonChoice {
  code: string;
  text: string;
  /** Codes from the top-level group down to this reason. */
  path: string[];
  /** Texts along the same path ("Mechanical › Bottle jam"). */
  texts: string[];
  /** Whether the fault code (or the history for it) suggests this reason. */
  suggested: boolean;
}

interface Leaf {
  choice: ReasonChoice;
  order: number;
  /** Depth of the node that lists the fault (leaf deepest), and the code's index in its list. */
  match?: { depth: number; index: number };
}

/** Every assignable reason (leaf) in tree order. */
export function reasonLeaves(tree: readonly ReasonNode[]): ReasonChoice[] {
  return leaves(tree, undefined).map((l) => l.choice);
}

function leaves(tree: readonly ReasonNode[], faultCode: string | undefined): Leaf[] {
  const out: Leaf[] = [];
  const walk = (nodes: readonly ReasonNode[], path: string[], texts: string[], depth: number, inherited: Leaf['match']) => {
    for (const node of nodes) {
      const index = faultCode === undefined ? -1 : node.faults.indexOf(faultCode);
      const match = index >= 0 ? { depth, index } : inherited;
      const p = [...path, node.code];
      const t = [...texts, node.text];
      if (node.children.length > 0) walk(node.children, p, t, depth + 1, match);
      else {
        const leaf: Leaf = { choice: { code: node.code, text: node.text, path: p, texts: t, suggested: match !== undefined }, order: out.length };
        if (match) leaf.match = match;
        out.push(leaf);
      }
    }
  };
  walk(tree, [], [], 0, undefined);
  return out;
}

export interface LikelyReasonOptions {
  /** How often each reason code was assigned before to stops with this fault code. */
  history?: Readonly<Record<string, number>>;
}

export function likelyReasons(tree: readonly ReasonNode[], faultCode: string | undefined, options: LikelyReasonOptions = {}): ReasonChoice[] {
  const history = options.history ?? {};
  const all = leaves(tree, faultCode);
  const count = (l: Leaf) => history[l.choice.code] ?? 0;
  for (const l of all) if (count(l) > 0) l.choice.suggested = true;
  const configured = all
    .filter((l) => l.match)
    .sort((a, b) => count(b) - count(a) || b.match!.depth - a.match!.depth || a.match!.index - b.match!.index || a.order - b.order);
  const learned = all.filter((l) => !l.match && count(l) > 0).sort((a, b) => count(b) - count(a) || a.order - b.order);
  const first = [...configured, ...learned];
  const taken = new Set(first);
  const group = first[0]?.choice.path[0];
  const sameGroup = group === undefined ? [] : all.filter((l) => !taken.has(l) && l.choice.path[0] === group);
  for (const l of sameGroup) taken.add(l);
  const rest = all.filter((l) => !taken.has(l));
  return [...first, ...sameGroup, ...rest].map((l) => l.choice);
}

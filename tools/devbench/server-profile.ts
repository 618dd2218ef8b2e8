/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the time went: self time by
 * package or source file, and inclusive time of the busiest functions, as shares of the
 * non-idle samples.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  /** Sampled time that was not idle, ms. */
  busyMs: number;
  idleMs: number;
  /** Self time by package (node_modules/<pkg>), our source file, or V8 pseudo-frame. */
  byCategory: ProfileShare[];
  /** Self time by function. */
  bySelf: ProfileShare[];
  /** Time with the function on the stack (each sample counted once per function). */
  byInclusive: ProfileShare[];
}

/** Where a frame's code lives: a package, one of our files, Node itself, or a V8 pseudo-frame. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:'))
    return `node:${url.slice(5).split('/')[0] === 'internal' ? url.slice(5).split('/').slice(0, 2).join('/') : url.slice(5)}`;
  const ours = url.match(/\/((server|src|tools)\/.*)$/);
  return ours ? (ours[1] as string) : url;
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${categoryOf(url, functionName)}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

function top(map: Map<string, number>, busy: number, n: number): ProfileShare[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
}

export function summarizeProfile(file: string, n = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const category = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      return;
    }
    busy += us;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + us);
    const cat = categoryOf(url, functionName);
    category.set(cat, (category.get(cat) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame || frame.callFrame.functionName === '(root)') continue;
      const key = frameName(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  });
  return {
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byCategory: top(category, busy, n),
    bySelf: top(self, busy, n),
    byInclusive: top(inclusive, busy, n * 2),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const pct = (s: ProfileShare) => `${(s.share * 100).toFixed(1).padStart(5)} %  ${s.name}`;
  return [
    `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms`,
    'self time by package / file:',
    ...summary.byCategory.map((s) => `  ${pct(s)}`),
    'self time by function:',
    ...summary.bySelf.map((s) => `  ${pct(s)}`),
    'inclusive time (function on the stack):',
    ...summary.byInclusive.map((s) => `  ${pct(s)}`),
  ].join('\n');
}

/**
 * Members a record may not carry: those its schema does not know (zod's objects drop them when
 * parsing, so they are found by comparing what was sent with what the schema kept) and, at any
 * depth — free-form settings included — the keys `__proto__`, `constructor` and `prototype`,
 * which JSON.parse makes own properties and which must never reach a store or a consumer.
 */

/** Keys refused anywhere in a record. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a refused member is (dotted path, as the schema's issues say it) and why. */
export interface MemberIssue {
  path: string;
  message: string;
}

/** Paths reported per record, at most (a hostile record may hold thousands). */
export const MAX_MEMBER_ISSUES = 100;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A node of the walk: paths are built only for the members reported (from the parent chain),
 * and only objects and arrays are visited — a record is mostly numbers (latency samples).
 */
interface Node {
  sent: unknown;
  kept: unknown;
  parent: Node | undefined;
  key: string | number;
}

function pathOf(node: Node | undefined, key: string | number): string {
  const parts: (string | number)[] = [key];
  for (let at = node; at?.parent; at = at.parent) parts.push(at.key);
  return parts.reverse().map(String).join('.');
}

/** Walks the objects and arrays of `sent` (and `kept` alongside it), depth first, in order. */
function walk(sent: unknown, kept: unknown, visit: (node: Node, key: string) => 'descend' | 'skip'): void {
  const stack: Node[] = [{ sent, kept, parent: undefined, key: '' }];
  while (stack.length) {
    const node = stack.pop() as Node;
    const { sent: s, kept: k } = node;
    if (Array.isArray(s)) {
      for (let i = s.length - 1; i >= 0; i--) {
        const child = s[i];
        if (child !== null && typeof child === 'object')
          stack.push({ sent: child, kept: Array.isArray(k) ? k[i] : undefined, parent: node, key: i });
      }
    } else if (isObject(s)) {
      const children: Node[] = [];
      for (const key of Object.keys(s)) {
        if (visit(node, key) === 'skip') continue;
        const child = s[key];
        if (child !== null && typeof child === 'object')
          children.push({ sent: child, kept: isObject(k) ? k[key] : undefined, parent: node, key });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
}

/** Every forbidden key in a parsed JSON value, at any depth, in document order; iterative. */
export function forbiddenKeys(value: unknown): MemberIssue[] {
  const issues: MemberIssue[] = [];
  walk(value, undefined, (node, key) => {
    if (!FORBIDDEN_KEYS.has(key)) return 'descend';
    issues.push({ path: pathOf(node, key), message: `the key "${key}" is not allowed` });
    return 'skip';
  });
  return issues;
}

/**
 * Members of `sent` that `kept` (the schema's output for it) does not have: unknown to the
 * schema. Where the schema keeps free-form values (records, settings) the two match and the
 * walk goes on inside them. Forbidden keys are reported by `forbiddenKeys`, not here.
 */
export function unknownMembers(sent: unknown, kept: unknown): MemberIssue[] {
  const issues: MemberIssue[] = [];
  walk(sent, kept, (node, key) => {
    if (FORBIDDEN_KEYS.has(key)) return 'skip';
    if (isObject(node.kept) && Object.hasOwn(node.kept, key)) return 'descend';
    issues.push({ path: pathOf(node, key), message: 'unknown member: atlas.run/1 has no such field here' });
    return 'skip';
  });
  return issues;
}

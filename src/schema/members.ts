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
const pathOf = (path: readonly (string | number)[]) => path.map(String).join('.') || '(root)';

/** Every forbidden key in a parsed JSON value, at any depth; iterative. */
export function forbiddenKeys(value: unknown): MemberIssue[] {
  const issues: MemberIssue[] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length) {
    const [item, path] = stack.pop() as [unknown, (string | number)[]];
    if (Array.isArray(item)) for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], [...path, i]]);
    else if (isObject(item))
      for (const key of Object.keys(item).reverse()) {
        if (FORBIDDEN_KEYS.has(key))
          issues.push({ path: pathOf([...path, key]), message: `the key "${key}" is not allowed` });
        else stack.push([item[key], [...path, key]]);
      }
  }
  return issues;
}

/**
 * Members of `sent` that `kept` (the schema's output for it) does not have: unknown to the
 * schema. Where the schema keeps free-form values (records, settings) the two match and the
 * walk goes on inside them. Forbidden keys are reported by `forbiddenKeys`, not here.
 */
export function unknownMembers(sent: unknown, kept: unknown): MemberIssue[] {
  const issues: MemberIssue[] = [];
  const stack: [unknown, unknown, (string | number)[]][] = [[sent, kept, []]];
  while (stack.length) {
    const [s, k, path] = stack.pop() as [unknown, unknown, (string | number)[]];
    if (Array.isArray(s) && Array.isArray(k))
      for (let i = s.length - 1; i >= 0; i--) stack.push([s[i], k[i], [...path, i]]);
    else if (isObject(s) && isObject(k))
      for (const key of Object.keys(s).reverse()) {
        if (FORBIDDEN_KEYS.has(key)) continue;
        if (Object.hasOwn(k, key)) stack.push([s[key], k[key], [...path, key]]);
        else
          issues.push({
            path: pathOf([...path, key]),
            message: 'unknown member: atlas.run/1 has no such field here',
          });
      }
  }
  return issues;
}

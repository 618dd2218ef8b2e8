/**
 * Bounds on a parsed JSON body checked before anything recursive touches it: nesting depth
 * (JSON.parse copes with a million levels; JSON.stringify and validators do not).
 */

/** Whether `value` nests arrays/objects deeper than `limit` levels; iterative, never recursive. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

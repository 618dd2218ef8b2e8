/**
 * Opens every role a scenario lists that this browser can run, skipping (and naming) the ones it
 * cannot; a scenario needs at least one.
 */
import type { RoleSpec } from '../../scenarios/index.ts';
import type { ScenarioContext } from './context.ts';
import { ScenarioUnsupported, type SessionHandle } from './session.ts';

export async function openAvailable(
  ctx: ScenarioContext,
  roles: readonly RoleSpec[],
  minimum = 1,
): Promise<{ sessions: SessionHandle[]; skipped: string[] }> {
  const sessions: SessionHandle[] = [];
  const skipped: string[] = [];
  for (const [i, role] of roles.entries()) {
    ctx.progress(`opening ${role.model} on ${role.runtime}`, 0);
    try {
      sessions.push(await ctx.open(role));
    } catch (error) {
      if (!(error instanceof ScenarioUnsupported)) throw error;
      skipped.push(error.message);
    }
    if (sessions.length + (roles.length - i - 1) < minimum) break;
  }
  if (sessions.length < minimum) {
    throw new ScenarioUnsupported(`needs ${minimum} session(s) this browser can run: ${skipped.join('; ')}`);
  }
  return { sessions, skipped };
}

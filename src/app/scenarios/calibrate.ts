/**
 * A scenario's service-time calibration: the warm-up mean a session opens with comes from three
 * runs, too few to size a load or predict a split by; this runs a few more, alone, and returns
 * the placement with their mean as its `serviceMs`.
 */
import type { Placement } from '../../schema/scenario.ts';
import type { SessionHandle } from './session.ts';

/** Runs `runs` inferences on `session` alone; its placement with their mean service time, ms. */
export async function calibrate(session: SessionHandle, runs: number): Promise<Placement> {
  const times = await session.call((api) => api.loop(runs));
  const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  return times.length ? { ...session.placement, serviceMs: mean } : session.placement;
}

/**
 * Whether this worker can make a WebGL2 context on an OffscreenCanvas (WebKitGTK's default and
 * headless Firefox without a display cannot; the planner then marks WebGL cases `unsupported`).
 * WebKitGTK gives one WebGL context at a time to a page and its workers, and a context the
 * previous holder gave up is released a moment later, so a refusal is asked again a few times.
 */

/** Tries to create (and at once release) a WebGL2 context on an OffscreenCanvas. */
export function canCreateWebgl2(): boolean {
  try {
    const gl = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return gl !== null;
  } catch {
    return false;
  }
}

/** True once a WebGL2 context could be made, asking up to `attempts` times `gapMs` apart. */
export async function webgl2Available(attempts = 5, gapMs = 200): Promise<boolean> {
  if (typeof OffscreenCanvas === 'undefined') return false;
  for (let i = 0; i < attempts; i++) {
    if (canCreateWebgl2()) return true;
    if (i < attempts - 1) await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return false;
}

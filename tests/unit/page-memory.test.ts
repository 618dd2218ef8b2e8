import { describe, expect, it } from 'vitest';
import { pageMemoryMeasurable } from '../../src/app/case-runner.ts';
import { measurePageMemory, summarisePageMemory, type UserAgentMemory } from '../../src/app/page-memory.ts';

/** The shape Chromium answers with (taken from a real answer on this machine, bytes rounded). */
const answer: UserAgentMemory = {
  bytes: 150_740_000,
  breakdown: [
    { bytes: 0, attribution: [] },
    { bytes: 100_250_000, attribution: [{ scope: 'Window' }] },
    { bytes: 182_000, attribution: [] },
    { bytes: 50_281_000, attribution: [{ scope: 'DedicatedWorkerGlobalScope' }] },
    { bytes: 27_000, attribution: [{ scope: 'DedicatedWorkerGlobalScope' }, { scope: 'Window' }] },
  ],
};

describe('summarisePageMemory', () => {
  it('keeps the total and sums the entries attributed to dedicated workers', () => {
    expect(summarisePageMemory(answer)).toEqual({ pageBytes: 150_740_000, pageWorkersBytes: 50_308_000 });
  });

  it('gives workers 0 when no entry is theirs', () => {
    expect(
      summarisePageMemory({ bytes: 5, breakdown: [{ bytes: 5, attribution: [{ scope: 'Window' }] }] }),
    ).toEqual({ pageBytes: 5, pageWorkersBytes: 0 });
  });
});

describe('measurePageMemory', () => {
  it('returns the summary of a prompt answer', async () => {
    expect(await measurePageMemory(1000, async () => answer)).toMatchObject({ pageBytes: 150_740_000 });
  });

  it('gives up past its limit instead of holding the case', async () => {
    const never = () => new Promise<UserAgentMemory>(() => undefined);
    const t0 = performance.now();
    expect(await measurePageMemory(30, never)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('is absent, not zero, when the browser refuses or cannot measure', async () => {
    expect(await measurePageMemory(1000, () => Promise.reject(new Error('SecurityError')))).toBeUndefined();
    // Node has no measureUserAgentSpecificMemory and is not cross-origin isolated.
    expect(await measurePageMemory(1000)).toBeUndefined();
  });
});

describe('pageMemoryMeasurable', () => {
  it('leaves out threaded cases, whose pool threads the browser cannot reach while they wait', () => {
    expect(pageMemoryMeasurable({ options: {} })).toBe(true);
    expect(pageMemoryMeasurable({ options: { threads: 1 } })).toBe(true);
    expect(pageMemoryMeasurable({ options: { threads: 2 } })).toBe(false);
  });
});

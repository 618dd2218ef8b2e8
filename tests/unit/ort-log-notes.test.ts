import { describe, expect, it } from 'vitest';
import { notableLogLine } from '../../src/runtimes/ort.ts';

const ESC = String.fromCharCode(27);

describe('notableLogLine (what ORT says that goes into a case’s notes)', () => {
  it('keeps the node-placement warning without ANSI colour codes', () => {
    const raw = `${ESC}[0;93m2026-11-23 19:44:26 [W:onnxruntime:, session_state.cc:1397 VerifyEachNodeIsAssignedToAnEp] Some nodes were not assigned to the preferred execution providers which may or may not have an negative impact on performance.${ESC}[m`;
    const line = notableLogLine([raw]);
    expect(line).toBeDefined();
    expect(line).not.toContain(ESC);
    expect(line?.startsWith('2026-11-23')).toBe(true);
    expect(line).toContain('Some nodes were not assigned to the preferred execution providers');
  });

  it('keeps the threads-without-isolation warning', () => {
    expect(
      notableLogLine([
        'env.wasm.numThreads is set to 2, but this will not work unless you enable crossOriginIsolated mode.',
      ]),
    ).toContain('will not work unless');
  });

  it('ignores ordinary log lines', () => {
    expect(notableLogLine(['Created session', 42])).toBeUndefined();
  });

  it('caps a line at 300 characters', () => {
    expect(notableLogLine([`fallback ${'x'.repeat(1000)}`])?.length).toBe(300);
  });
});

import { describe, expect, it } from 'vitest';
import { planRun } from '../../src/app/plan.ts';
import { duration, planOverview } from '../../src/app/plan-summary.ts';
import { parseRunParams } from '../../src/measure/params.ts';
import { CAPABLE_BROWSER } from '../../src/runtimes/suite-variants.ts';

describe('duration', () => {
  it('writes seconds under a minute and never "1 min 60 s"', () => {
    expect(duration(400)).toBe('1 s');
    expect(duration(45_000)).toBe('45 s');
    expect(duration(119_600)).toBe('2 min 0 s');
    expect(duration(59_600)).toBe('1 min 0 s');
    expect(duration(193_000)).toBe('3 min 13 s');
  });
});

describe('planOverview', () => {
  it('counts the cases that will run, those on a software GPU and those this browser cannot run', () => {
    const env = {
      ...CAPABLE_BROWSER,
      features: { ...CAPABLE_BROWSER.features, webgpu: false },
      softwareGpu: { webgl: true, why: 'the WebGL renderer is SwiftShader' },
    };
    const plan = planRun(parseRunParams(new URLSearchParams()), env, 'http://x/models/');
    const overview = planOverview(plan);
    const webgpu = plan.filter((p) => p.spec.backend === 'webgpu').length;
    const webgl = plan.filter((p) => p.spec.backend === 'webgl').length;
    expect(overview.unsupported).toBe(webgpu);
    expect(overview.cases).toBe(plan.length - webgpu);
    expect(overview.softwareGpu).toBe(webgl);
    expect(overview.text).toMatch(
      new RegExp(
        `^${overview.cases} cases, ${webgl} on a software GPU with a short budget, ${webgpu} this browser cannot run · about \\d`,
      ),
    );
  });
});

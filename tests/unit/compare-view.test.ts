/**
 * The words of the comparison (src/report/compare-view.ts), the page's request for it
 * (src/app/compare.ts), the score the dashboard lists and the run page shows.
 */
import { describe, expect, it } from 'vitest';
import { compareUrl } from '../../src/app/compare.ts';
import { scoreText } from '../../src/dashboard/runs-list.ts';
import { classSentence, groupSentence, neighboursSentence } from '../../src/report/compare-view.ts';
import type { ClassComparison } from '../../src/schema/api.ts';

const base: ClassComparison = {
  score: 142.4,
  group: { deviceGroup: 'Pixel 7 · Android', score: 139.6, runs: 3 },
  percentile: 63.4,
  otherGroups: 41,
  above: { deviceGroup: 'Pixel 8 · Android', score: 151, runs: 12 },
  below: { deviceGroup: 'Galaxy S21 · Android', score: 138.2, runs: 1 },
  basis: { runs: 1212, groups: 42, devices: 97 },
};

describe('the comparison in words', () => {
  it('says the score, the share of other groups below it and what it rests on', () => {
    expect(classSentence('cpu', base)).toBe(
      'CPU score 142 — faster than 63% of 41 other device groups (1,212 runs, 97 devices).',
    );
    expect(classSentence('gpu', { ...base, otherGroups: 1, basis: { runs: 1, groups: 2, devices: 1 } })).toBe(
      'GPU score 142 — faster than 63% of 1 other device group (1 run, 1 device).',
    );
  });

  it('gives the reason instead of a percentile when no other group has a score', () => {
    const alone = {
      ...base,
      percentile: null,
      percentileNote: 'no other device group has a CPU score of phone-1 yet',
      otherGroups: 0,
      above: null,
      below: null,
    };
    expect(classSentence('cpu', alone)).toBe(
      'CPU score 142 — no other device group has a CPU score of phone-1 yet (1,212 runs, 97 devices).',
    );
    expect(neighboursSentence(alone)).toBe('');
  });

  it('names the nearest groups above and below, and this run’s own group', () => {
    expect(neighboursSentence(base)).toBe(
      'Nearest: above Pixel 8 · Android (151), below Galaxy S21 · Android (138).',
    );
    expect(neighboursSentence({ ...base, below: null })).toBe('Nearest: above Pixel 8 · Android (151).');
    expect(groupSentence(base)).toBe('Device group Pixel 7 · Android: median 140 over 3 runs.');
  });
});

describe('where the page asks', () => {
  it('asks the server it uploaded to, beside its /api/runs', () => {
    expect(compareUrl('https://results.example/atlas/api/runs', 'a b')).toBe(
      'https://results.example/atlas/api/compare?run=a+b',
    );
    expect(compareUrl('http://127.0.0.1:8080/api/runs', 'x')).toBe('http://127.0.0.1:8080/api/compare?run=x');
  });
});

describe('the listed score', () => {
  it('shows each class, a dash for a class without one', () => {
    expect(scoreText({ version: 'phone-1', cpu: 142.4, gpu: null })).toBe('score CPU 142 · GPU —');
  });
});

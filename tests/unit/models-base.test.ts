import { describe, expect, it } from 'vitest';
import { modelsBaseUrl } from '../../src/app/models-base.ts';

describe('where model files come from', () => {
  it('defaults to models/ under the page base path', () => {
    expect(modelsBaseUrl(undefined, '/', 'https://atlas.example/?suite=phone')).toBe(
      'https://atlas.example/models/',
    );
    expect(modelsBaseUrl('', '/atlas/', 'https://user.github.io/atlas/')).toBe(
      'https://user.github.io/atlas/models/',
    );
  });

  it('uses the build-time prefix, absolute or relative, always as a folder', () => {
    expect(modelsBaseUrl('https://cdn.example/atlas-models', '/', 'https://atlas.example/')).toBe(
      'https://cdn.example/atlas-models/',
    );
    expect(modelsBaseUrl(' /m/ ', '/', 'https://atlas.example/x/')).toBe('https://atlas.example/m/');
  });
});

import type { Manifest } from 'vite';
import { describe, expect, it } from 'vitest';
import { shellFiles } from '../../tools/devbench/shell-size.ts';

const manifest: Manifest = {
  'index.html': {
    file: 'assets/main-1.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_catalog.js', '_stats.js'],
    dynamicImports: ['src/suite/references.ts'],
    css: ['assets/style-1.css'],
  },
  '_catalog.js': { file: 'assets/catalog-1.js', imports: ['_stats.js'] },
  '_stats.js': { file: 'assets/stats-1.js', imports: ['_catalog.js'], css: ['assets/stats-1.css'] },
  'src/suite/references.ts': { file: 'assets/references-1.js', isDynamicEntry: true, imports: ['_big.js'] },
  '_big.js': { file: 'assets/big-1.js' },
  'dashboard.html': { file: 'assets/dashboard-1.js', isEntry: true, imports: ['_stats.js'] },
};

describe('shellFiles', () => {
  it('takes the HTML, its script, static imports (through cycles, once each) and their CSS', () => {
    expect(shellFiles(manifest).sort()).toEqual(
      [
        'index.html',
        'assets/main-1.js',
        'assets/style-1.css',
        'assets/catalog-1.js',
        'assets/stats-1.js',
        'assets/stats-1.css',
      ].sort(),
    );
  });

  it('leaves out what loads only through a dynamic import', () => {
    const files = shellFiles(manifest);
    expect(files).not.toContain('assets/references-1.js');
    expect(files).not.toContain('assets/big-1.js');
  });

  it('says which entry is missing rather than measuring nothing', () => {
    expect(() => shellFiles({}, 'index.html')).toThrow('no entry "index.html"');
  });
});

/**
 * The MediaPipe adapter records the library version it states (the package does not export its
 * package.json to bundlers); it must be the installed one.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { MEDIAPIPE_VERSION } from '../../src/runtimes/mediapipe.ts';

it('MediaPipe adapter states the installed @mediapipe/tasks-vision version', () => {
  const url = new URL('../../node_modules/@mediapipe/tasks-vision/package.json', import.meta.url);
  expect(MEDIAPIPE_VERSION).toBe((JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version);
});

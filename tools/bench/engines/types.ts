/**
 * What the bench needs of a browser, whichever engine and protocol drives it: open a page, load a
 * URL, read a JSON value out of it, close it. Chromium (Playwright), Firefox (WebDriver BiDi) and
 * W3C WebDriver endpoints (WebKitWebDriver, Selenium Grid, Appium) each implement this once.
 */
import type { Page } from 'playwright-core';

export const ENGINE_IDS = ['chromium', 'firefox', 'webkit'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

export interface PageOptions {
  /** Playwright device to emulate (local and remote Playwright Chromium only). */
  device?: string | undefined;
}

export interface EnginePage {
  goto(url: string): Promise<void>;
  /** Evaluates a JavaScript expression in the page and returns its value through JSON. */
  json<T>(expression: string): Promise<T>;
  /** Why the page can no longer be used (it crashed), if the protocol tells. */
  lost(): string | undefined;
  /** The Playwright page behind this one, when there is one (CPU throttle calibration needs it). */
  playwright?: Page;
  close(): Promise<void>;
}

export interface Engine {
  /** Says what is driving, for the log: engine, protocol, where. */
  label: string;
  /** Whether `--device` emulation works here. */
  emulatesDevices: boolean;
  openPage(options: PageOptions): Promise<EnginePage>;
  close(): Promise<void>;
}

/** A failure the user can act on, reported in one line without a stack. */
export class EngineError extends Error {}

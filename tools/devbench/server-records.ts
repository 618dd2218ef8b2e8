/**
 * Synthetic but realistic `atlas.run/1` records for the server benchmarks and the generated
 * 1M-case store: the catalog's models, both runtimes on their backends (with thread options),
 * a dozen device profiles (phones, tablets, desktops, emulated and CPU-quota runs) with plausible
 * speeds, some unsupported/failed cases, and seeded randomness so a store can be remade exactly.
 */
import { type Case, HOST_DEVICE, type Run } from '../../src/schema/run.ts';
import { MODELS } from '../../src/suite/catalog.ts';
import { syntheticCase } from './synthetic-case.ts';

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same store. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rand: () => number, items: readonly T[]): T =>
  items[Math.floor(rand() * items.length)] as T;

export interface Profile {
  /** How much slower than a fast desktop (1). */
  slowdown: number;
  /** Relative share of runs. */
  weight: number;
  webgpu: boolean;
  env: Omit<Run['env'], 'hardwareConcurrency' | 'deviceMemory'>;
  emulation?: Run['emulation'];
  cores: readonly number[];
  memory: readonly (number | undefined)[];
}

const features = (webgpu: boolean) => ({
  wasmSimd: true,
  wasmThreads: true,
  webgl2: true,
  webgpu,
  webnn: false,
});
const chromeBrands = (brand: string, v = '156') => [
  { brand: 'Not)A;Brand', version: '8' },
  { brand: 'Chromium', version: v },
  { brand, version: v },
];

export const PROFILES: readonly Profile[] = [
  {
    slowdown: 2.5,
    weight: 10,
    webgpu: true,
    cores: [8],
    memory: [8],
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: { brands: chromeBrands('Google Chrome'), mobile: true, platform: 'Android', model: 'Pixel 7' },
      crossOriginIsolated: true,
      features: features(true),
      gpu: { vendor: 'arm', architecture: 'valhall' },
    },
  },
  {
    slowdown: 1.8,
    weight: 8,
    webgpu: true,
    cores: [8],
    memory: [8],
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36',
      uaData: { brands: chromeBrands('Google Chrome'), mobile: true, platform: 'Android', model: 'SM-S911B' },
      crossOriginIsolated: true,
      features: features(true),
      gpu: { vendor: 'qualcomm', architecture: 'adreno-7xx' },
    },
  },
  {
    slowdown: 6,
    weight: 6,
    webgpu: false,
    cores: [8],
    memory: [4],
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 13; moto g(30)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/155.0.0.0 Mobile Safari/537.36',
      uaData: {
        brands: chromeBrands('Google Chrome', '155'),
        mobile: true,
        platform: 'Android',
        model: 'moto g(30)',
      },
      crossOriginIsolated: true,
      features: features(false),
    },
  },
  {
    slowdown: 1.5,
    weight: 12,
    webgpu: false,
    cores: [6],
    memory: [undefined],
    env: {
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      crossOriginIsolated: true,
      features: features(false),
    },
  },
  {
    slowdown: 1.3,
    weight: 3,
    webgpu: false,
    cores: [8],
    memory: [undefined],
    env: {
      userAgent:
        'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      crossOriginIsolated: true,
      features: features(false),
    },
  },
  {
    slowdown: 0.7,
    weight: 14,
    webgpu: true,
    cores: [8, 12, 16, 24],
    memory: [8],
    env: {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      uaData: { brands: chromeBrands('Google Chrome'), mobile: false, platform: 'Windows' },
      crossOriginIsolated: true,
      features: features(true),
      gpu: { vendor: 'nvidia', architecture: 'ampere' },
    },
  },
  {
    slowdown: 1.1,
    weight: 8,
    webgpu: true,
    cores: [4, 8],
    memory: [8],
    env: {
      userAgent:
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
      uaData: { brands: chromeBrands('Microsoft Edge'), mobile: false, platform: 'Windows' },
      crossOriginIsolated: true,
      features: features(true),
      gpu: { vendor: 'intel', architecture: 'gen-12lp' },
    },
  },
  {
    slowdown: 0.6,
    weight: 10,
    webgpu: true,
    cores: [8, 10, 12],
    memory: [8],
    env: {
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
      uaData: { brands: chromeBrands('Google Chrome'), mobile: false, platform: 'macOS' },
      crossOriginIsolated: true,
      features: features(true),
      gpu: { vendor: 'apple', architecture: 'metal-3' },
    },
  },
  {
    slowdown: 0.7,
    weight: 6,
    webgpu: false,
    cores: [8, 10],
    memory: [undefined],
    env: {
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      crossOriginIsolated: true,
      features: features(false),
    },
  },
  {
    slowdown: 1,
    weight: 5,
    webgpu: false,
    cores: [8, 16],
    memory: [undefined],
    env: {
      userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
      crossOriginIsolated: true,
      features: features(false),
    },
  },
  {
    slowdown: 3,
    weight: 5,
    webgpu: true,
    cores: [16],
    memory: [8],
    emulation: { device: 'Pixel 7', cpuThrottle: 4 },
    env: {
      userAgent:
        'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Mobile Safari/537.36',
      crossOriginIsolated: true,
      features: features(true),
    },
  },
  {
    slowdown: 1.6,
    weight: 3,
    webgpu: false,
    cores: [16],
    memory: [8],
    emulation: { device: HOST_DEVICE, cpuThrottle: 2 },
    env: {
      userAgent:
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      crossOriginIsolated: true,
      features: features(false),
    },
  },
];

const TOTAL_WEIGHT = PROFILES.reduce((sum, p) => sum + p.weight, 0);

export function pickProfile(rand: () => number): Profile {
  let r = rand() * TOTAL_WEIGHT;
  for (const p of PROFILES) {
    r -= p.weight;
    if (r < 0) return p;
  }
  return PROFILES[0] as Profile;
}

interface Combo {
  runtime: string;
  backend: string;
  options: Case['options'];
  /** Relative time, wasm single-thread = 1. */
  factor: number;
  webgpu?: boolean;
}

const COMBOS: readonly Combo[] = [
  { runtime: 'ort', backend: 'wasm', options: { threads: 1 }, factor: 1 },
  { runtime: 'ort', backend: 'wasm', options: { threads: 4 }, factor: 0.45 },
  { runtime: 'ort', backend: 'webgpu', options: {}, factor: 0.35, webgpu: true },
  { runtime: 'ort', backend: 'webgl', options: {}, factor: 0.8 },
  { runtime: 'tfjs', backend: 'wasm', options: { threads: 4 }, factor: 0.6 },
  { runtime: 'tfjs', backend: 'webgl', options: {}, factor: 0.7 },
  { runtime: 'tfjs', backend: 'webgpu', options: {}, factor: 0.5, webgpu: true },
  { runtime: 'tfjs', backend: 'cpu', options: {}, factor: 9 },
];

/** Single-thread wasm median on a fast desktop, ms. */
const MODEL_MS: Record<string, number> = {
  'ppocr-det': 48,
  'ppocr-cls': 2.5,
  'ppocr-rec': 14,
  'silero-vad': 0.9,
  'blazeface-back': 3.2,
  'movenet-lightning': 11,
};
const MODEL_IDS = MODELS.map((m) => m.id);

/** Every (model, runtime/backend/options) pair a run can hold. */
const SLOTS = MODEL_IDS.flatMap((model) => COMBOS.map((combo) => ({ model, combo })));

function timedCase(rand: () => number, model: string, combo: Combo, slowdown: number): Case {
  const median = (MODEL_MS[model] ?? 10) * combo.factor * slowdown * Math.exp((rand() - 0.5) * 0.3);
  const spread = 0.01 + rand() * 0.05;
  const loadMs = 20 + rand() * 200;
  const initMs = 30 + rand() * 300;
  const firstFactor = 2 + rand() * 4;
  const checkValue = rand() * 1e-4;
  return {
    ...syntheticCase(
      { model, runtime: combo.runtime, backend: combo.backend, options: combo.options ?? {} },
      { medianMs: median, spread, loadMs, initMs, firstFactor, warmupRuns: 3, checkValue },
    ),
    libraryVersion: combo.runtime === 'ort' ? '1.30.0' : '4.22.0',
  };
}

export interface SyntheticRunOptions {
  id: string;
  createdAt: string;
  cases: number;
}

/** One run: a device profile, then `cases` consecutive (model, combo) slots from a random start. */
export function syntheticRun(rand: () => number, options: SyntheticRunOptions): Run {
  const profile = pickProfile(rand);
  const start = Math.floor(rand() * SLOTS.length);
  const cases: Case[] = [];
  for (let i = 0; i < options.cases; i++) {
    const { model, combo } = SLOTS[(start + i) % SLOTS.length] as (typeof SLOTS)[number];
    const r = rand();
    if (combo.webgpu && !profile.webgpu) {
      cases.push({
        model,
        runtime: combo.runtime,
        backend: combo.backend,
        options: combo.options ?? {},
        status: 'unsupported',
        error: 'navigator.gpu is not available',
      });
    } else if (r < 0.03) {
      cases.push({
        model,
        runtime: combo.runtime,
        backend: combo.backend,
        options: combo.options ?? {},
        status: 'error',
        error: 'RuntimeError: memory access out of bounds',
      });
    } else if (r < 0.04) {
      cases.push({
        model,
        runtime: combo.runtime,
        backend: combo.backend,
        options: combo.options ?? {},
        status: 'timeout',
        error: 'case exceeded 120000 ms',
      });
    } else {
      cases.push(timedCase(rand, model, combo, profile.slowdown));
    }
  }
  const memory = pick(rand, profile.memory);
  return {
    schema: 'atlas.run/1',
    id: options.id,
    createdAt: options.createdAt,
    app: { version: '0.1.0' },
    suite: { id: options.cases > 20 ? 'full' : 'quick', version: '1' },
    source: profile.emulation ? 'automation' : 'browser',
    ...(profile.emulation ? { emulation: profile.emulation } : {}),
    env: {
      ...profile.env,
      hardwareConcurrency: pick(rand, profile.cores),
      ...(memory === undefined ? {} : { deviceMemory: memory }),
    },
    cases,
  };
}

const PLACEHOLDER = '00000000-0000-4000-8000-000000000000';

/**
 * A run's JSON text split around its id, so a fresh body is `head + randomUUID() + tail`: one
 * string concatenation per request instead of building and serialising a record.
 */
export function bodyTemplate(cases: number, seed = 1): { head: string; tail: string; bytes: number } {
  const run = syntheticRun(seededRandom(seed), {
    id: PLACEHOLDER,
    createdAt: '2026-01-02T03:04:05.678Z',
    cases,
  });
  const text = JSON.stringify(run);
  const at = text.indexOf(PLACEHOLDER);
  return {
    head: text.slice(0, at),
    tail: text.slice(at + PLACEHOLDER.length),
    bytes: Buffer.byteLength(text),
  };
}

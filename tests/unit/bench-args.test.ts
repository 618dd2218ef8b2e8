import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from '../../tools/bench/args.ts';

/** The UsageError `argv` raises (fails the test when it raises nothing or something else). */
function usageError(argv: string[]): UsageError {
  try {
    parseBenchArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`expected a UsageError for ${JSON.stringify(argv)}`);
}

describe('parseBenchArgs', () => {
  it('gives the defaults for no flags', () => {
    expect(parseBenchArgs([])).toEqual({
      browser: 'chromium',
      connect: undefined,
      webdriver: undefined,
      capabilities: undefined,
      devices: [],
      cpuThrottle: undefined,
      suite: 'phone',
      models: [],
      runtimes: [],
      backends: [],
      softwareGpu: 'short',
      runs: undefined,
      caseTimeoutMs: undefined,
      scenarios: [],
      scenariosOnly: false,
      out: undefined,
      submit: undefined,
      url: undefined,
      json: false,
      repeatVisit: false,
      list: false,
      help: false,
    });
    expect(Object.isFrozen(parseBenchArgs([]))).toBe(true);
  });

  it('repeats --device', () => {
    expect(parseBenchArgs(['--device', 'Pixel 7', '--device', 'iPhone 15']).devices).toEqual([
      'Pixel 7',
      'iPhone 15',
    ]);
  });

  it('accepts comma lists and repeats for --model, --runtime and --backend', () => {
    const args = parseBenchArgs([
      '--model',
      'ppocr-cls,ppocr-det',
      '--model',
      'silero-vad',
      '--runtime',
      'ort, tfjs',
      '--backend',
      'wasm,webgpu',
      '--backend=webnn',
    ]);
    expect(args.models).toEqual(['ppocr-cls', 'ppocr-det', 'silero-vad']);
    expect(args.runtimes).toEqual(['ort', 'tfjs']);
    expect(args.backends).toEqual(['wasm', 'webgpu', 'webnn']);
  });

  it('parses the remaining flags', () => {
    const args = parseBenchArgs([
      '--suite',
      'full',
      '--runs',
      '12',
      '--case-timeout',
      '60000',
      '--cpu-throttle',
      '4',
      '--out',
      'results/x.json',
      '--submit',
      'https://atlas.example/api/runs',
      '--url',
      'http://localhost:8080',
      '--json',
      '--list',
      '-h',
    ]);
    expect(args).toMatchObject({
      suite: 'full',
      runs: 12,
      caseTimeoutMs: 60000,
      cpuThrottle: 4,
      out: 'results/x.json',
      submit: 'https://atlas.example/api/runs',
      url: 'http://localhost:8080/',
      json: true,
      list: true,
      help: true,
    });
  });

  it('accepts --cpu-throttle at both ends of 1..50', () => {
    expect(parseBenchArgs(['--cpu-throttle', '1']).cpuThrottle).toBe(1);
    expect(parseBenchArgs(['--cpu-throttle', '50']).cpuThrottle).toBe(50);
  });

  it.each([
    ['model', ['--model', 'ppocr-cls,resnet-9000'], 'resnet-9000'],
    ['backend', ['--backend', 'wasm,cuda'], 'cuda'],
    ['runtime', ['--runtime', 'torch'], 'torch'],
    ['suite', ['--suite', 'huge'], 'huge'],
    ['device', ['--device', 'Pixel 7', '--device', 'Nokia 3310'], 'Nokia 3310'],
  ])('rejects an unknown %s naming the bad value', (_kind, argv, bad) => {
    expect(usageError(argv).message).toContain(bad);
  });

  it.each([['0'], ['-1'], ['2.5'], ['many']])('rejects --runs %s', (value) => {
    expect(usageError(['--runs', value]).message).toContain('--runs');
  });

  it('rejects a bad --case-timeout', () => {
    expect(usageError(['--case-timeout', '0']).message).toContain('--case-timeout');
  });

  it.each([['0.5'], ['51'], ['0'], ['fast']])('rejects --cpu-throttle %s', (value) => {
    expect(usageError(['--cpu-throttle', value]).message).toContain('--cpu-throttle');
  });

  it.each([['not-a-url'], ['ftp://atlas.example/runs'], ['atlas.example']])(
    'rejects --submit %s',
    (value) => {
      expect(usageError(['--submit', value]).message).toContain('--submit');
    },
  );

  it('rejects a non-http --url', () => {
    expect(usageError(['--url', 'file:///tmp/index.html']).message).toContain('--url');
  });

  it('rejects an unknown flag', () => {
    expect(usageError(['--frobnicate']).message).toContain('frobnicate');
  });

  it('reads --software-gpu short|full and refuses anything else', () => {
    expect(parseBenchArgs(['--software-gpu', 'full']).softwareGpu).toBe('full');
    expect(usageError(['--software-gpu', 'skip']).message).toBe(
      '--software-gpu must be short or full, got "skip"',
    );
  });

  it('reads --repeat-visit, for a local Chromium only', () => {
    expect(parseBenchArgs(['--repeat-visit']).repeatVisit).toBe(true);
    for (const other of [
      ['--browser', 'firefox'],
      ['--device', 'Pixel 7'],
      ['--connect', 'ws://127.0.0.1:3000/x'],
    ])
      expect(usageError(['--repeat-visit', ...other]).message).toContain(
        '--repeat-visit runs twice in one Chromium profile',
      );
  });

  it('rejects positional arguments', () => {
    usageError(['quick']);
  });

  it('rejects an unknown --scenario, listing the known ones', () => {
    const message = usageError(['--scenario', 'split,scroll']).message;
    expect(message).toContain('unknown scenario "scroll"');
    expect(message).toContain('known: concurrent, split, pipeline, interference, dynamic, sustained');
  });

  it('runs --scenario alone without --model or an explicit --suite', () => {
    const args = parseBenchArgs(['--scenario', 'interference,sustained', '--scenario', 'interference']);
    expect(args.scenarios).toEqual(['interference', 'sustained']);
    expect(args.scenariosOnly).toBe(true);
    expect(args.suite).toBe('phone');
  });

  it('runs the cases then the scenarios with --model or --suite', () => {
    expect(parseBenchArgs(['--scenario', 'split', '--model', 'silero-vad']).scenariosOnly).toBe(false);
    expect(parseBenchArgs(['--scenario', 'split', '--suite', 'quick']).scenariosOnly).toBe(false);
    expect(parseBenchArgs(['--scenario=dynamic', '--suite=full'])).toMatchObject({
      suite: 'full',
      scenarios: ['dynamic'],
      scenariosOnly: false,
    });
  });
});

describe('parseBenchArgs: engines and remote browsers', () => {
  it.each([['chromium'], ['firefox'], ['webkit']] as const)('accepts --browser %s', (browser) => {
    expect(parseBenchArgs(['--browser', browser]).browser).toBe(browser);
  });

  it('rejects an unknown --browser, listing the known engines', () => {
    const message = usageError(['--browser', 'safari']).message;
    expect(message).toContain('unknown browser "safari"');
    expect(message).toContain('known: chromium, firefox, webkit');
  });

  it.each([
    ['Firefox', ['--browser', 'firefox']],
    ['WebKit', ['--browser', 'webkit']],
    ['a WebDriver endpoint', ['--webdriver', 'http://grid.example:4444/wd/hub']],
  ])('refuses --device with %s, saying emulation is Chromium-only', (where, argv) => {
    const message = usageError([...argv, '--device', 'Pixel 7']).message;
    expect(message).toContain('--device');
    expect(message).toContain("Playwright's Chromium only");
    expect(message).toContain(`not available with ${where}`);
  });

  it.each([
    ['Firefox', ['--browser', 'firefox']],
    ['WebKit', ['--browser', 'webkit']],
    ['a WebDriver endpoint', ['--webdriver', 'http://grid.example:4444/wd/hub']],
    ['a remote --connect browser', ['--connect', 'ws://grid.example:3000/pw']],
  ])('refuses --cpu-throttle with %s, saying it limits a local Chromium only', (where, argv) => {
    const message = usageError([...argv, '--cpu-throttle', '4']).message;
    expect(message).toContain('--cpu-throttle');
    expect(message).toContain('Chromium launched on this host only');
    expect(message).toContain(`not available with ${where}`);
  });

  it('keeps --device with a remote Playwright server (Playwright emulates there too)', () => {
    expect(parseBenchArgs(['--connect', 'ws://127.0.0.1:3000/abc', '--device', 'Pixel 7'])).toMatchObject({
      connect: 'ws://127.0.0.1:3000/abc',
      devices: ['Pixel 7'],
    });
  });

  it('accepts ws:// and wss:// for --connect', () => {
    expect(parseBenchArgs(['--connect', 'ws://127.0.0.1:41234/0f3c']).connect).toBe(
      'ws://127.0.0.1:41234/0f3c',
    );
    expect(parseBenchArgs(['--connect', 'wss://grid.example/playwright?token=x']).connect).toBe(
      'wss://grid.example/playwright?token=x',
    );
  });

  it.each([['http://127.0.0.1:3000/'], ['127.0.0.1:3000'], ['not a url']])(
    'rejects --connect %s: it needs ws(s)://',
    (value) => {
      const message = usageError(['--connect', value]).message;
      expect(message).toContain('--connect needs a ws(s):// URL');
      expect(message).toContain(value);
    },
  );

  it('accepts http and https for --webdriver', () => {
    expect(parseBenchArgs(['--webdriver', 'http://127.0.0.1:4444']).webdriver).toBe('http://127.0.0.1:4444/');
    expect(parseBenchArgs(['--webdriver', 'https://hub.example/wd/hub']).webdriver).toBe(
      'https://hub.example/wd/hub',
    );
  });

  it.each([['ws://127.0.0.1:4444'], ['127.0.0.1:4444'], ['file:///wd']])(
    'rejects --webdriver %s: it needs http(s)',
    (value) => {
      const message = usageError(['--webdriver', value]).message;
      expect(message).toContain('--webdriver needs an http(s) URL');
      expect(message).toContain(value);
    },
  );

  it('parses --capabilities into an object for --webdriver', () => {
    const caps = { browserName: 'Chrome', platformName: 'Android', 'appium:automationName': 'UiAutomator2' };
    expect(
      parseBenchArgs(['--webdriver', 'http://127.0.0.1:4723', '--capabilities', JSON.stringify(caps)]),
    ).toMatchObject({ webdriver: 'http://127.0.0.1:4723/', capabilities: caps });
  });

  it.each([['[1,2]'], ['"chrome"'], ['null'], ['42']])(
    'rejects --capabilities %s: it must be a JSON object',
    (value) => {
      const message = usageError(['--webdriver', 'http://127.0.0.1:4444', '--capabilities', value]).message;
      expect(message).toContain('--capabilities needs a JSON object');
    },
  );

  it.each([['{"platformName":"Android"}'], ['{"browserName":42}'], ['{}']])(
    'rejects --capabilities %s: the bench opens a page, so they must name a browserName',
    (value) => {
      const message = usageError(['--webdriver', 'http://127.0.0.1:4723', '--capabilities', value]).message;
      expect(message).toContain('--capabilities needs a "browserName"');
    },
  );

  it('rejects --capabilities that are not JSON, saying so', () => {
    const message = usageError([
      '--webdriver',
      'http://127.0.0.1:4444',
      '--capabilities',
      "{browserName:'chrome'}",
    ]).message;
    expect(message).toContain('--capabilities is not JSON');
  });

  it('rejects --capabilities without --webdriver', () => {
    expect(usageError(['--capabilities', '{"browserName":"chrome"}']).message).toContain(
      '--capabilities goes with --webdriver',
    );
    expect(
      usageError(['--connect', 'ws://127.0.0.1:3000/x', '--capabilities', '{"browserName":"chrome"}'])
        .message,
    ).toContain('--capabilities goes with --webdriver');
  });

  it('refuses --connect with --webdriver', () => {
    expect(
      usageError(['--connect', 'ws://127.0.0.1:3000/x', '--webdriver', 'http://127.0.0.1:4444']).message,
    ).toContain('use --connect or --webdriver, not both');
  });
});

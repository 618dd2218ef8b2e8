/**
 * A reader for the literal subset of JavaScript that packages use to embed data in scripts:
 * objects (identifier, string or number keys), arrays, strings, numbers, `true`/`false`/`null`
 * and the minifier's `!0`/`!1`. JSON is a subset, so it reads emscripten loader metadata as well
 * as nsfwjs's minified model bundles. It evaluates nothing: anything else is an error naming the
 * offset, so an unexpected file format fails loudly instead of being run.
 */

/** A value the reader can produce. */
export type JsLiteral = string | number | boolean | null | JsLiteral[] | { [key: string]: JsLiteral };

export class JsLiteralError extends Error {
  override name = 'JsLiteralError';
}

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[A-Za-z0-9_$]/;
const NUMBER = /^-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

class Reader {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }

  fail(what: string): never {
    const near = JSON.stringify(this.text.slice(this.pos, this.pos + 24));
    throw new JsLiteralError(`${what} at offset ${this.pos} (near ${near})`);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  expect(ch: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== ch) this.fail(`expected "${ch}"`);
    this.pos++;
  }

  value(): JsLiteral {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"' || ch === "'") return this.string();
    if (ch === '!') {
      const next = this.text[this.pos + 1];
      if (next === '0' || next === '1') {
        this.pos += 2;
        return next === '0';
      }
      this.fail('unsupported "!" expression');
    }
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos) && !IDENT_PART.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return result;
      }
    }
    return this.number();
  }

  number(): number {
    const match = NUMBER.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('expected a literal value');
    this.pos += match[0].length;
    const negative = match[0].startsWith('-');
    const body = negative ? match[0].slice(1) : match[0];
    const n = /^0[xX]/.test(body) ? Number.parseInt(body.slice(2), 16) : Number(body);
    return negative ? -n : n;
  }

  string(): string {
    const quote = this.text[this.pos];
    this.pos++;
    let out = '';
    let runStart = this.pos;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n') this.fail('unterminated string');
      if (ch === quote) {
        out += this.text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (ch !== '\\') {
        this.pos++;
        continue;
      }
      out += this.text.slice(runStart, this.pos);
      const esc = this.text[this.pos + 1] ?? '';
      this.pos += 2;
      if (esc === 'u' || esc === 'x') {
        const digits = esc === 'u' ? 4 : 2;
        const hex = this.text.slice(this.pos, this.pos + digits);
        if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) this.fail('bad escape in string');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += digits;
      } else {
        out += SIMPLE_ESCAPES[esc] ?? esc;
      }
      runStart = this.pos;
    }
  }

  key(): string {
    this.skipSpace();
    const ch = this.text[this.pos] ?? '';
    if (ch === '"' || ch === "'") return this.string();
    if (IDENT_START.test(ch)) {
      const start = this.pos;
      while (IDENT_PART.test(this.text[this.pos] ?? '')) this.pos++;
      return this.text.slice(start, this.pos);
    }
    if (/[0-9.]/.test(ch)) return String(this.number());
    return this.fail('expected an object key');
  }

  object(): { [key: string]: JsLiteral } {
    this.expect('{');
    // A null prototype, so keys such as "__proto__" are plain data.
    const out: { [key: string]: JsLiteral } = Object.create(null);
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      const key = this.key();
      this.expect(':');
      out[key] = this.value();
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === '}') return out;
      if (ch !== ',') {
        this.pos--;
        this.fail('expected "," or "}"');
      }
      this.skipSpace();
      if (this.text[this.pos] === '}') {
        this.pos++;
        return out;
      }
    }
  }

  array(): JsLiteral[] {
    this.expect('[');
    const out: JsLiteral[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      const ch = this.text[this.pos];
      this.pos++;
      if (ch === ']') return out;
      if (ch !== ',') {
        this.pos--;
        this.fail('expected "," or "]"');
      }
      this.skipSpace();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
    }
  }
}

/**
 * Reads one literal starting at `start` (leading whitespace allowed); returns it and the offset
 * just past it. Throws {@link JsLiteralError} on anything outside the subset.
 */
export function readJsLiteral(text: string, start = 0): { value: JsLiteral; end: number } {
  const reader = new Reader(text, start);
  const value = reader.value();
  return { value, end: reader.pos };
}

/** True for a plain object produced by {@link readJsLiteral}. */
export function isLiteralObject(v: JsLiteral | undefined): v is { [key: string]: JsLiteral } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

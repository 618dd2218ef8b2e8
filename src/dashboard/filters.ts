/**
 * The filter controls: model, device group, browser, "include emulated runs", the runtime the
 * heatmap compares against, and the table's text search. Their state lives in the page's query
 * string too (replaceState), so a filtered view can be shared; `?results=` is kept.
 */

import type { Summary } from '../schema/api.ts';
import { byId, setOptions } from './dom.ts';
import { choices, type Filters, NO_FILTERS } from './model.ts';

const PARAMS = {
  model: 'model',
  device: 'device',
  browser: 'browser',
  compare: 'compare',
  search: 'q',
} as const;

export class FilterControls {
  readonly model = byId<HTMLSelectElement>('f-model');
  readonly device = byId<HTMLSelectElement>('f-device');
  readonly browser = byId<HTMLSelectElement>('f-browser');
  readonly compare = byId<HTMLSelectElement>('f-compare');
  readonly emulated = byId<HTMLInputElement>('f-emulated');
  readonly search = byId<HTMLInputElement>('f-search');

  constructor(onChange: () => void) {
    for (const control of [this.model, this.device, this.browser, this.compare, this.emulated]) {
      control.addEventListener('change', () => {
        this.save();
        onChange();
      });
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.save();
        onChange();
      }, 150);
    });
  }

  /**
   * Offers the values the summary holds (and `extra` device groups and browsers, e.g. ones with
   * scenario results only), then applies the query string's choices.
   */
  fill(
    summary: Summary,
    extra: { devices: string[]; browsers: string[] } = { devices: [], browsers: [] },
  ): void {
    const c = choices(summary);
    const merged = (a: string[], b: string[]) =>
      [...new Set([...a, ...b])].sort((x, y) => x.localeCompare(y));
    const devices = merged(c.devices, extra.devices);
    const browsers = merged(c.browsers, extra.browsers);
    const any = (what: string): [string, string] => ['', `All ${what}`];
    setOptions(this.model, [any('models'), ...c.models.map((m): [string, string] => [m, m])]);
    setOptions(this.device, [any('device groups'), ...devices.map((d): [string, string] => [d, d])]);
    setOptions(this.browser, [any('browsers'), ...browsers.map((b): [string, string] => [b, b])]);
    setOptions(this.compare, [['', 'the runner-up'], ...c.labels.map((l): [string, string] => [l, l])]);
    const query = new URLSearchParams(location.search);
    const pick = (select: HTMLSelectElement, name: string) => {
      const wanted = query.get(name);
      if (wanted !== null && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
    };
    pick(this.model, PARAMS.model);
    pick(this.device, PARAMS.device);
    pick(this.browser, PARAMS.browser);
    pick(this.compare, PARAMS.compare);
    this.emulated.checked = query.get('emulated') !== '0';
    this.search.value = query.get(PARAMS.search) ?? '';
  }

  get value(): Filters {
    return {
      ...NO_FILTERS,
      model: this.model.value,
      device: this.device.value,
      browser: this.browser.value,
      compare: this.compare.value,
      emulated: this.emulated.checked,
      search: this.search.value,
    };
  }

  private save(): void {
    const query = new URLSearchParams(location.search);
    const f = this.value;
    for (const [key, name] of Object.entries(PARAMS)) {
      const value = f[key as keyof typeof PARAMS];
      if (value) query.set(name, value);
      else query.delete(name);
    }
    if (f.emulated) query.delete('emulated');
    else query.set('emulated', '0');
    const search = query.toString();
    history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  }
}

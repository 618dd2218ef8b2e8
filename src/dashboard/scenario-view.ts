/**
 * The "Several backends at once" section: one card per device group and browser (side by side on
 * a wide screen), one entry per scenario with its result count, for `split` and `dynamic` the
 * best multi-backend configuration's gain over the best single backend, for `interference` where
 * the fastest backend flips, and the headline (median and newest). Written with textContent only:
 * headline texts and device names are client data.
 */
import type { ScenarioSummaryGroup } from '../schema/api.ts';
import { el } from './dom.ts';
import { figureText, flipText, gainText, metricText, type ScenarioCard, scenarioTitle } from './scenarios.ts';

const runs = (n: number) => `${n} run${n === 1 ? '' : 's'}`;

function gainLine(g: ScenarioSummaryGroup): HTMLElement | undefined {
  if (!g.gain) return undefined;
  const { median, n, latest } = g.gain;
  const line = el(
    'p',
    { className: `scen-gain ${median > 1 ? 'is-faster' : 'is-slower'}` },
    el('span', { className: 'scen-gain-figure', text: gainText(median) }),
    ` than the best single backend${n > 1 ? ` (median of ${runs(n)})` : ''}`,
  );
  const detail = n > 1 ? `latest: ${gainText(latest.gain)}, ${latest.detail}` : latest.detail;
  line.append(el('span', { className: 'scen-detail', text: detail }));
  return line;
}

function headlineLine(g: ScenarioSummaryGroup): HTMLElement {
  if (!g.headline) return el('p', { className: 'scen-headline muted', text: 'No headline figure.' });
  const { metric, median, n, latest } = g.headline;
  // The run count is in the heading; said again only when some results lack this headline.
  return el(
    'p',
    { className: 'scen-headline' },
    el('span', { className: 'scen-median', text: `${metricText(metric)}: median ${figureText(median)}` }),
    n < g.count ? ` of ${runs(n)}` : '',
    el('span', { className: 'scen-detail', text: `latest: ${latest.text}` }),
  );
}

function scenarioItem(g: ScenarioSummaryGroup): HTMLLIElement {
  const flips = flipText(g.flips);
  const item = el(
    'li',
    { className: 'scen-item' },
    el(
      'div',
      { className: 'scen-head' },
      el('span', { className: 'scen-title', text: scenarioTitle(g.scenario) }),
      el('span', { className: 'scen-runs', text: runs(g.count) }),
    ),
  );
  const gain = gainLine(g);
  if (gain) item.append(gain);
  if (flips)
    item.append(
      el('p', { className: `scen-flip ${g.flips?.flipped ? 'is-flipped' : ''}`.trim(), text: flips }),
    );
  item.append(headlineLine(g));
  item.dataset.scenario = g.scenario;
  return item;
}

function card(c: ScenarioCard): HTMLElement {
  const where = el('h3', { className: 'scen-where' }, `${c.deviceGroup} · ${c.browser}`);
  if (c.emulated) where.append(' ', el('span', { className: 'tag', text: 'emulated' }));
  const node = el(
    'div',
    { className: 'scen-card' },
    where,
    el('ul', { className: 'scen-list' }, ...c.scenarios.map(scenarioItem)),
  );
  node.dataset.deviceGroup = c.deviceGroup;
  node.dataset.browser = c.browser;
  return node;
}

/** Draws the cards into `target`, or says why there is nothing (`message` replaces the default). */
export function renderScenarios(target: HTMLElement, cards: readonly ScenarioCard[], message?: string): void {
  if (message || cards.length === 0) {
    const text =
      message ??
      'No scenario results with these filters yet: run some with `npm run bench -- --scenario …` or the Scenarios section of the benchmark page.';
    target.replaceChildren(el('p', { className: 'muted', text }));
    return;
  }
  target.replaceChildren(el('div', { className: 'scen-grid' }, ...cards.map(card)));
}

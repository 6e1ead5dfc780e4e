// Kommunales Budget und Obergrenze (Deckel) of a budget scenario, one row per plan year: the
// budget the Haushalt provides (gap = municipal need − budget) and an optional cap on the
// municipal need (above it purchases are deferred). Saved all at once (budget_set_municipal);
// the plan, the year table and the deferrals are recomputed. An empty budget field is "no budget
// entered" (null), not 0 €; a year with both fields empty is stored as no entry.

import { h } from '../../dom.js';
import { registerStrings, t } from '../../i18n.js';

registerStrings({
  de: {
    'bm.title': 'Kommunales Budget und Obergrenze',
    'bm.hint': 'Budget: im Haushalt eingeplante Mittel (Lücke = kommunaler Bedarf − Budget; leer = kein Budget eingetragen, zählt wie 0 €). Obergrenze: übersteigt der kommunale Bedarf sie, werden Käufe in spätere Jahre verschoben. Leer = keine Obergrenze.',
    'bm.col.year': 'Jahr',
    'bm.col.budget': 'Budget (€)',
    'bm.col.cap': 'Obergrenze (€)',
    'bm.col.need': 'Kommunaler Bedarf',
    'bm.col.gap': 'Lücke',
    'bm.col.deferred': 'Verschoben',
    'bm.save': 'Budget und Obergrenzen speichern',
    'bm.saved': 'Budget und Obergrenzen gespeichert – Plan neu berechnet.',
    'bm.notEur': '{field} {year}: „{text}“ ist kein Euro-Betrag (z. B. 5.200.000,00).',
    'bm.budget': 'Budget',
    'bm.cap': 'Obergrenze',
  },
  en: {
    'bm.title': 'Municipal budget and cap',
    'bm.hint': 'Budget: money planned in the municipal budget (gap = municipal need − budget; empty = no budget entered, counts as 0 €). Cap: where the municipal need exceeds it, purchases are deferred to later years. Empty = no cap.',
    'bm.col.year': 'Year',
    'bm.col.budget': 'Budget (€)',
    'bm.col.cap': 'Cap (€)',
    'bm.col.need': 'Municipal need',
    'bm.col.gap': 'Gap',
    'bm.col.deferred': 'Deferred',
    'bm.save': 'Save budget and caps',
    'bm.saved': 'Budget and caps saved – plan recomputed.',
    'bm.notEur': '{field} {year}: “{text}” is not an amount in euros (e.g. 5.200.000,00).',
    'bm.budget': 'Budget',
    'bm.cap': 'Cap',
  },
});

const eurText = (fmt, cents) => (cents === null || cents === undefined ? '' : fmt.number(cents / 100, 2));

/** The card; `run(cmd, args)` as in funding.js. */
export function municipalCard(s, ctx, run) {
  const { fmt } = ctx;
  const totals = new Map(s.view.years.map((y) => [y.year, y]));
  const error = h('p', { class: 'alert alert-error', id: 'bm-error', role: 'alert', hidden: true });
  const rows = s.municipal.map((m) => ({
    year: m.year,
    budget: h('input', { class: 'input input-num', id: `bm-budget-${m.year}`, value: eurText(fmt, m.budget_cents), size: 14, autocomplete: 'off', 'aria-label': `${t('bm.budget')} ${m.year}` }),
    cap: h('input', { class: 'input input-num', id: `bm-cap-${m.year}`, value: eurText(fmt, m.cap_cents), size: 14, autocomplete: 'off', 'aria-label': `${t('bm.cap')} ${m.year}` }),
  }));
  const save = h('button', { class: 'btn btn-primary', id: 'bm-save', type: 'button' }, t('bm.save'));
  save.addEventListener('click', async () => {
    const years = [];
    for (const r of rows) {
      const b = r.budget.value.trim();
      const c = r.cap.value.trim();
      // Empty = no budget entered (not 0 €); a year with neither budget nor cap has no entry.
      const budget = b === '' ? null : fmt.parseEurToCents(b);
      const cap = c === '' ? null : fmt.parseEurToCents(c);
      const bad = (budget !== null && !Number.isFinite(budget)) ? [t('bm.budget'), b, r.budget]
        : (cap !== null && !Number.isFinite(cap)) ? [t('bm.cap'), c, r.cap] : null;
      if (bad) {
        error.textContent = t('bm.notEur', { field: bad[0], year: r.year, text: bad[1] });
        error.hidden = false;
        bad[2].focus();
        return;
      }
      years.push({ year: r.year, budget_cents: budget, cap_cents: cap });
    }
    save.disabled = true;
    try {
      await run('budget_set_municipal', { years });
      ctx.ui.toast(t('bm.saved'));
    } catch (e) {
      error.textContent = e.message || String(e);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'budget-municipal-cap' },
    h('h2', {}, t('bm.title')),
    h('p', { class: 'section-hint' }, t('bm.hint')),
    error,
    h('div', { class: 'table-wrap table-fit' }, h('table', { class: 'data-table bm-table', id: 'bm-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('bm.col.year')),
        ['budget', 'cap', 'need', 'gap', 'deferred'].map((k) => h('th', { class: 'num' }, t(`bm.col.${k}`))))),
      h('tbody', {}, rows.map((r) => {
        const y = totals.get(r.year) || {};
        return h('tr', { dataset: { year: String(r.year) } },
          h('td', {}, String(r.year)),
          h('td', { class: 'num' }, r.budget),
          h('td', { class: 'num' }, r.cap),
          h('td', { class: 'num' }, fmt.eur(y.municipal_cents)),
          h('td', { class: 'num' }, fmt.eur(y.gap_cents)),
          h('td', { class: 'num' }, fmt.eur(y.deferred_cents)));
      })))),
    h('div', { class: 'toolbar card-foot' }, save));
}

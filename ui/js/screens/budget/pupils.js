// Schülerzahlen je Jahr of the selected school: the figure the growth % gives for every plan
// year and the value entered for a year (replaces the growth % for that year; empty = the
// growth % applies). Saved all at once (budget_set_pupils); the plan is recomputed. The entries
// belong to the school (all scenarios use them).

import { h } from '../../dom.js';
import { registerStrings, t } from '../../i18n.js';

registerStrings({
  de: {
    'bp.title': 'Schülerzahlen je Jahr',
    'bp.titleSchool': 'Schülerzahlen je Jahr – {name}',
    'bp.choose': 'Schülerzahlen werden je Schule eingetragen. Schule wählen:',
    'bp.chooseNone': '– Schule wählen –',
    'bp.hint': 'Basisjahr {year}: {n} Schülerinnen und Schüler, Entwicklung {g} % je Jahr. Ein eingetragener Wert ersetzt die Entwicklung für sein Jahr; leer = es gilt die Entwicklung. Gilt für alle Szenarien.',
    'bp.col.year': 'Jahr',
    'bp.col.growth': 'Nach Entwicklung',
    'bp.col.entered': 'Eingetragen',
    'bp.save': 'Schülerzahlen speichern',
    'bp.saved': 'Schülerzahlen von {name} gespeichert – Plan neu berechnet.',
    'bp.notInt': 'Schülerzahl {year}: „{text}“ ist keine ganze Zahl.',
    'bp.entered': 'Schülerzahl {year}',
  },
  en: {
    'bp.title': 'Pupils per year',
    'bp.titleSchool': 'Pupils per year – {name}',
    'bp.choose': 'Pupils are entered per school. Choose a school:',
    'bp.chooseNone': '– choose a school –',
    'bp.hint': 'Base year {year}: {n} pupils, change {g} % per year. An entered value replaces the change for its year; empty = the change applies. Applies to all scenarios.',
    'bp.col.year': 'Year',
    'bp.col.growth': 'Projected',
    'bp.col.entered': 'Entered',
    'bp.save': 'Save pupils',
    'bp.saved': 'Pupils of {name} saved – plan recomputed.',
    'bp.notInt': 'Pupils {year}: “{text}” is not a whole number.',
    'bp.entered': 'Pupils {year}',
  },
});

/**
 * The card. `run(cmd, args)` as in funding.js; `chooseSchool(nr)` switches the screen's view to
 * a school (the district view has no pupils to edit).
 */
export function pupilsCard(s, ctx, run, chooseSchool) {
  const { fmt } = ctx;
  const p = s.pupils;
  if (!p) {
    const sel = h('select', { id: 'bp-school', class: 'input' },
      h('option', { value: '' }, t('bp.chooseNone')),
      s.view.schools.map((x) => h('option', { value: x.schulnummer }, `${x.schulnummer} – ${x.name}`)));
    sel.addEventListener('change', () => { if (sel.value) chooseSchool(sel.value); });
    return h('section', { class: 'card', id: 'budget-pupils' },
      h('h2', {}, t('bp.title')),
      h('label', { class: 'field bp-choose' }, h('span', { class: 'muted' }, t('bp.choose')), sel));
  }
  const error = h('p', { class: 'alert alert-error', id: 'bp-error', role: 'alert', hidden: true });
  const rows = p.years.map((y) => ({
    year: y.year,
    input: h('input', {
      class: 'input input-num', id: `bp-pupils-${y.year}`, size: 8, autocomplete: 'off',
      value: y.entered === null ? '' : String(y.entered),
      'aria-label': t('bp.entered', { year: y.year }),
    }),
    byGrowth: y.by_growth,
  }));
  const save = h('button', { class: 'btn btn-primary', id: 'bp-save', type: 'button' }, t('bp.save'));
  save.addEventListener('click', async () => {
    const years = [];
    for (const r of rows) {
      const text = r.input.value.trim();
      const n = fmt.parseInteger(text);
      if (Number.isNaN(n)) {
        error.textContent = t('bp.notInt', { year: r.year, text });
        error.hidden = false;
        r.input.focus();
        return;
      }
      years.push({ year: r.year, pupils: n });
    }
    save.disabled = true;
    try {
      await run('budget_set_pupils', { school: p.schulnummer, years });
      ctx.ui.toast(t('bp.saved', { name: p.name }));
    } catch (e) {
      error.textContent = e.message || String(e);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'budget-pupils' },
    h('h2', {}, t('bp.titleSchool', { name: p.name })),
    h('p', { class: 'section-hint' }, t('bp.hint', {
      year: p.base_year, n: fmt.number(p.base_pupils), g: fmt.number(p.growth_pct, 1),
    })),
    error,
    h('div', { class: 'table-wrap table-fit' }, h('table', { class: 'data-table bp-table', id: 'bp-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, t('bp.col.year')), h('th', { class: 'num' }, t('bp.col.growth')), h('th', { class: 'num' }, t('bp.col.entered')))),
      h('tbody', {}, rows.map((r) => h('tr', { dataset: { year: String(r.year) } },
        h('td', {}, String(r.year)),
        h('td', { class: 'num' }, fmt.number(r.byGrowth)),
        h('td', { class: 'num' }, r.input)))))),
    h('div', { class: 'toolbar card-foot' }, save));
}

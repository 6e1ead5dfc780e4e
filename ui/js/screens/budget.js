// Ausstattung & Budget: the Medienentwicklungsplan of a scenario for the district or one school.
// Year totals, charts (SVG from the core), standards and catalogue editable in place, funding
// programmes, municipal budget and cap, pupils per year (budget/*.js; the plan is recomputed
// at once), deferrals, scenario comparison, XLSX export. No figure is computed here:
// everything comes from the core through the budget_* commands.

import { h, mount, clear } from '../dom.js';
import { language } from '../i18n.js';
import { fundingCard } from './budget/funding.js';
import { municipalCard } from './budget/municipal.js';
import { pupilsCard } from './budget/pupils.js';
import { scenarioCard } from './budget/scenario.js';

const strings = {
  de: {
    'budget.title': 'Ausstattung & Budget',
    'budget.subtitle': 'Medienentwicklungsplan: Bedarf, Ersatz, Kosten und Finanzierung je Jahr',
    'budget.scenario': 'Szenario',
    'budget.school': 'Ansicht',
    'budget.district': 'Gesamter Schulträger',
    'budget.export': 'Als Excel exportieren …',
    'budget.exported': 'Exportiert: {path}',
    'budget.copy': 'Szenario kopieren …',
    'budget.copyName': 'Name des neuen Szenarios',
    'budget.total': 'Gesamtkosten {from}–{to}',
    'budget.funded': 'Förderung',
    'budget.municipal': 'Kommunaler Bedarf',
    'budget.gap': 'Finanzierungslücke (Summe)',
    'budget.perPupil': 'Je Schüler/in und Jahr',
    'budget.years': 'Jahressummen',
    'budget.col.year': 'Jahr',
    'budget.col.invest': 'Investitionen',
    'budget.col.running': 'Laufend',
    'budget.col.total': 'Gesamt',
    'budget.col.funded': 'Förderung',
    'budget.col.municipal': 'Kommunal',
    'budget.col.budget': 'Budget',
    'budget.col.gap': 'Lücke',
    'budget.col.deferred': 'Verschoben',
    'budget.charts': 'Diagramme',
    'budget.chartCost': 'Kosten je Jahr nach Kategorie',
    'budget.chartFunding': 'Förderung und Bedarf je Jahr',
    'budget.rules': 'Standards (Regeln) – Änderungen rechnen sofort neu',
    'budget.rule.category': 'Kategorie',
    'budget.rule.text': 'Regel',
    'budget.rule.units': 'Anzahl',
    'budget.rule.per': 'Je',
    'budget.rule.from': 'Ab Jg.',
    'budget.rule.to': 'Bis Jg.',
    'budget.rule.note': 'Quelle',
    'budget.apply': 'Übernehmen',
    'budget.catalogue': 'Katalog',
    'budget.cat.label': 'Kategorie',
    'budget.cat.price': 'Stückpreis (€)',
    'budget.cat.life': 'Nutzung (Jahre)',
    'budget.cat.running': 'Laufend je Jahr (€)',
    'budget.cat.reserve': 'Reserve %',
    'budget.cat.source': 'Quelle',
    'budget.deferrals': 'Verschiebungen wegen Obergrenze ({n})',
    'budget.noDeferrals': 'Keine Verschiebungen: der kommunale Bedarf bleibt in jedem Jahr unter der Obergrenze (oder es ist keine gesetzt).',
    'budget.more': '… und {n} weitere (alle im XLSX-Export)',
    'budget.cliffs': 'Förderende',
    'budget.compare': 'Szenarienvergleich',
    'budget.formulas': 'Formeln',
    'budget.saved': 'Gespeichert – Plan neu berechnet.',
    'budget.invalid': 'Bitte eine Zahl größer als 0 eingeben.',
  },
  en: {
    'budget.title': 'Equipment & budget',
    'budget.subtitle': 'Media development plan: demand, replacement, cost and funding per year',
    'budget.scenario': 'Scenario',
    'budget.school': 'View',
    'budget.district': 'Whole district',
    'budget.export': 'Export to Excel …',
    'budget.exported': 'Exported: {path}',
    'budget.copy': 'Copy scenario …',
    'budget.copyName': 'Name of the new scenario',
    'budget.total': 'Total cost {from}–{to}',
    'budget.funded': 'Funding',
    'budget.municipal': 'Municipal need',
    'budget.gap': 'Funding gap (sum)',
    'budget.perPupil': 'Per pupil and year',
    'budget.years': 'Totals per year',
    'budget.col.year': 'Year',
    'budget.col.invest': 'Investment',
    'budget.col.running': 'Running',
    'budget.col.total': 'Total',
    'budget.col.funded': 'Funding',
    'budget.col.municipal': 'Municipal',
    'budget.col.budget': 'Budget',
    'budget.col.gap': 'Gap',
    'budget.col.deferred': 'Deferred',
    'budget.charts': 'Charts',
    'budget.chartCost': 'Cost per year by category',
    'budget.chartFunding': 'Funding and need per year',
    'budget.rules': 'Standards (rules) – changes recompute at once',
    'budget.rule.category': 'Category',
    'budget.rule.text': 'Rule',
    'budget.rule.units': 'Units',
    'budget.rule.per': 'Per',
    'budget.rule.from': 'From grade',
    'budget.rule.to': 'To grade',
    'budget.rule.note': 'Source',
    'budget.apply': 'Apply',
    'budget.catalogue': 'Catalogue',
    'budget.cat.label': 'Category',
    'budget.cat.price': 'Unit price (€)',
    'budget.cat.life': 'Life (years)',
    'budget.cat.running': 'Running per year (€)',
    'budget.cat.reserve': 'Reserve %',
    'budget.cat.source': 'Source',
    'budget.deferrals': 'Deferrals due to the cap ({n})',
    'budget.noDeferrals': 'No deferrals: the municipal need stays under the cap every year (or no cap is set).',
    'budget.more': '… and {n} more (all in the XLSX export)',
    'budget.cliffs': 'Programme ends',
    'budget.compare': 'Scenario comparison',
    'budget.formulas': 'Formulas',
    'budget.saved': 'Saved – plan recomputed.',
    'budget.invalid': 'Please enter a number greater than 0.',
  },
};

// Survives re-renders: selected scenario and school.
const state = { scenario: null, school: null, language: language() };

function svgImage(svg, id, alt) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  // A checksum of the SVG lets tests (and curious users) see that the chart really changed.
  let sum = 0;
  for (let i = 0; i < svg.length; i += 1) sum = (sum * 31 + svg.charCodeAt(i)) % 1000000007;
  const img = h('img', { id, src: url, alt, class: 'budget-chart', dataset: { svgSum: String(sum) }, style: { maxWidth: '100%', height: 'auto' } });
  img.addEventListener('load', () => setTimeout(() => URL.revokeObjectURL(url), 1000));
  return img;
}

function num(ctx, text) {
  const v = ctx.fmt.parseNumber(String(text));
  return Number.isFinite(v) ? v : null;
}

export default {
  id: 'budget',
  icon: 'budget',
  title: { de: 'Ausstattung & Budget', en: 'Equipment & budget' },
  strings,
  async render(el, ctx) {
    const { t, fmt } = ctx;
    const body = h('div', { id: 'budget-body' });
    mount(el,
      h('header', { class: 'screen-head' },
        h('div', {}, h('h1', {}, t('budget.title')), h('p', { class: 'screen-sub' }, t('budget.subtitle')))),
      body);

    const load = async (call) => {
      const r = await call;
      if (!r.ok) return;
      draw(r.value);
    };

    // Calls a budget_* command of the assumption editors: it stores, recomputes and returns the
    // screen, which is drawn at once; rejects with the core's German message.
    const run = async (cmd, args) => {
      const r = await ctx.api.invoke(cmd, { scenario: state.scenario, school: state.school, language: language(), ...args });
      draw(r);
      return r;
    };
    const chooseSchool = (nr) => {
      state.school = nr;
      load(ctx.api.call('budget_screen', { scenario: state.scenario, school: state.school, language: language() }));
    };

    const draw = (s) => {
      state.scenario = s.scenario.name;
      state.school = s.school;
      const v = s.view;
      const sum = (k) => (s.school
        ? v.schools.filter((x) => x.schulnummer === s.school).reduce((a, x) => a + x[k], 0)
        : v.years.reduce((a, y) => a + y[k], 0));
      const years = s.school
        ? (v.schools.find((x) => x.schulnummer === s.school) || { years: [] }).years
        : v.years;
      const pupilsYears = years.reduce((a, y) => a + (y.pupils || 0), 0);
      const total = sum('total_cents');

      const scenarioSel = h('select', { id: 'budget-scenario', class: 'input' },
        s.scenarios.map((x) => h('option', { value: x.name, selected: x.name === s.scenario.name }, x.name)));
      scenarioSel.addEventListener('change', () => {
        state.scenario = scenarioSel.value;
        load(ctx.api.call('budget_screen', { scenario: state.scenario, school: state.school, language: language() }));
      });
      const schoolSel = h('select', { id: 'budget-school', class: 'input' },
        h('option', { value: '' }, t('budget.district')),
        v.schools.map((x) => h('option', { value: x.schulnummer, selected: x.schulnummer === s.school }, `${x.schulnummer} – ${x.name}`)));
      schoolSel.addEventListener('change', () => {
        state.school = schoolSel.value || null;
        load(ctx.api.call('budget_screen', { scenario: state.scenario, school: state.school, language: language() }));
      });
      const exportBtn = h('button', { id: 'budget-export', class: 'btn btn-secondary' }, t('budget.export'));
      exportBtn.addEventListener('click', async () => {
        const r = await ctx.api.call('budget_export_xlsx', { scenario: state.scenario });
        if (r.ok && r.value) ctx.ui.toast(t('budget.exported', { path: r.value }));
      });

      const stats = h('div', { class: 'stats', id: 'budget-stats' },
        h('div', { class: 'stat' }, h('div', { class: 'muted' }, t('budget.total', { from: v.from_year, to: v.to_year })),
          h('strong', { id: 'budget-total' }, fmt.eur(total))),
        h('div', { class: 'stat' }, h('div', { class: 'muted' }, t('budget.funded')), h('strong', { id: 'budget-funded' }, fmt.eur(sum('funded_cents')))),
        h('div', { class: 'stat' }, h('div', { class: 'muted' }, t('budget.municipal')), h('strong', { id: 'budget-municipal' }, fmt.eur(sum('municipal_cents')))),
        s.school ? null : h('div', { class: 'stat' }, h('div', { class: 'muted' }, t('budget.gap')), h('strong', { id: 'budget-gap' }, fmt.eur(sum('gap_cents')))),
        h('div', { class: 'stat' }, h('div', { class: 'muted' }, t('budget.perPupil')),
          h('strong', { id: 'budget-per-pupil' }, pupilsYears > 0 ? fmt.eur(Math.round(total / pupilsYears)) : '–')));

      const yearTable = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'budget-years' },
        h('thead', {}, h('tr', {},
          h('th', {}, t('budget.col.year')),
          ['invest', 'running', 'total', 'funded', 'municipal'].map((k) => h('th', { class: 'num' }, t(`budget.col.${k}`))),
          s.school ? null : [h('th', { class: 'num' }, t('budget.col.budget')), h('th', { class: 'num' }, t('budget.col.gap')), h('th', { class: 'num' }, t('budget.col.deferred'))])),
        h('tbody', {}, years.map((y) => h('tr', { dataset: { year: String(y.year) } },
          h('td', {}, String(y.year)),
          h('td', { class: 'num' }, fmt.eur(y.invest_cents)),
          h('td', { class: 'num' }, fmt.eur(y.running_cents)),
          h('td', { class: 'num' }, fmt.eur(y.total_cents)),
          h('td', { class: 'num' }, fmt.eur(y.funded_cents)),
          h('td', { class: 'num' }, fmt.eur(y.municipal_cents)),
          s.school ? null : [
            // No budget entered for the year: '–' (the gap counts it as 0 €).
            h('td', { class: 'num' }, y.budget_entered === false ? '–' : fmt.eur(y.budget_cents)),
            h('td', { class: 'num' }, fmt.eur(y.gap_cents)),
            h('td', { class: 'num' }, fmt.eur(y.deferred_cents))])))));

      const charts = h('section', { class: 'card', id: 'budget-charts' },
        h('h2', {}, t('budget.charts')),
        svgImage(s.chart_cost_svg, 'budget-chart-cost', t('budget.chartCost')),
        svgImage(s.chart_funding_svg, 'budget-chart-funding', t('budget.chartFunding')));

      // Standards, editable.
      const catLabel = (k) => (s.catalogue.find((c) => c.key === k) || { label: k }).label;
      const ruleRows = s.rules.map((r) => {
        const units = h('input', { class: 'input input-num', id: `budget-rule-${r.id}-units`, value: fmt.number(r.units_per, 2).replace(/,00$/, ''), size: 5, 'aria-label': t('budget.rule.units') });
        const per = h('input', { class: 'input input-num', id: `budget-rule-${r.id}-per`, value: fmt.number(r.per, 2).replace(/,00$/, ''), size: 5, 'aria-label': t('budget.rule.per') });
        const gf = r.basis === 'pupils' ? h('input', { class: 'input input-num', id: `budget-rule-${r.id}-from`, value: String(r.grade_from), size: 3, 'aria-label': t('budget.rule.from') }) : null;
        const gt = r.basis === 'pupils' ? h('input', { class: 'input input-num', id: `budget-rule-${r.id}-to`, value: String(r.grade_to), size: 3, 'aria-label': t('budget.rule.to') }) : null;
        const apply = h('button', { class: 'btn btn-secondary', id: `budget-rule-${r.id}-apply` }, t('budget.apply'));
        apply.addEventListener('click', async () => {
          const u = num(ctx, units.value);
          const p = num(ctx, per.value);
          if (u === null || u < 0 || p === null || p <= 0) {
            ctx.ui.messageBox(t('budget.invalid'), { kind: 'error' });
            return;
          }
          const rule = { ...r, units_per: u, per: p };
          delete rule.text;
          if (gf) rule.grade_from = Number.parseInt(gf.value, 10);
          if (gt) rule.grade_to = Number.parseInt(gt.value, 10);
          const res = await ctx.api.call('budget_set_rule', { scenario: state.scenario, rule, school: state.school, language: language() });
          if (res.ok) {
            draw(res.value);
            ctx.ui.toast(t('budget.saved'));
          }
        });
        return h('tr', { dataset: { ruleId: String(r.id) } },
          h('td', {}, catLabel(r.category)),
          h('td', { class: 'budget-rule-text' }, r.text),
          h('td', {}, units), h('td', {}, per), h('td', {}, gf), h('td', {}, gt),
          h('td', { class: 'muted' }, r.note), h('td', {}, apply));
      });
      const rulesCard = h('section', { class: 'card', id: 'budget-rules' }, h('h2', {}, t('budget.rules')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
          h('thead', {}, h('tr', {}, ['category', 'text', 'units', 'per', 'from', 'to', 'note'].map((k) => h('th', {}, t(`budget.rule.${k}`))), h('th', {}))),
          h('tbody', {}, ruleRows))));

      // Catalogue, editable.
      const catRows = s.catalogue.map((c) => {
        const price = h('input', { class: 'input input-num', id: `budget-cat-${c.key}-price`, value: fmt.number(c.unit_price_cents / 100, 2), size: 9, 'aria-label': t('budget.cat.price') });
        const life = h('input', { class: 'input input-num', id: `budget-cat-${c.key}-life`, value: String(c.life_years), size: 3, 'aria-label': t('budget.cat.life') });
        const running = h('input', { class: 'input input-num', id: `budget-cat-${c.key}-running`, value: fmt.number(c.running_cents_per_year / 100, 2), size: 7, 'aria-label': t('budget.cat.running') });
        const apply = h('button', { class: 'btn btn-secondary', id: `budget-cat-${c.key}-apply` }, t('budget.apply'));
        apply.addEventListener('click', async () => {
          const p = ctx.fmt.parseEurToCents(price.value);
          const rc = ctx.fmt.parseEurToCents(running.value);
          const l = Number.parseInt(life.value, 10);
          if (!Number.isFinite(p) || p < 0 || !Number.isFinite(rc) || rc < 0 || !(l > 0)) {
            ctx.ui.messageBox(t('budget.invalid'), { kind: 'error' });
            return;
          }
          const changed = p !== c.unit_price_cents || rc !== c.running_cents_per_year || l !== c.life_years;
          const category = { ...c, unit_price_cents: p, running_cents_per_year: rc, life_years: l };
          if (changed) {
            category.source = ctx.pick({ de: 'Eigene Angabe', en: 'Own figure' });
            category.source_date = new Date().toISOString().slice(0, 10);
          }
          const res = await ctx.api.call('budget_set_category', { scenario: state.scenario, category, school: state.school, language: language() });
          if (res.ok) {
            draw(res.value);
            ctx.ui.toast(t('budget.saved'));
          }
        });
        return h('tr', {},
          h('td', {}, c.label), h('td', {}, price), h('td', {}, life), h('td', {}, running),
          h('td', { class: 'num' }, fmt.number(c.defect_reserve_pct, 1)),
          h('td', { class: 'muted' }, `${c.source} (${c.source_date})`), h('td', {}, apply));
      });
      const catCard = h('section', { class: 'card', id: 'budget-catalogue' }, h('h2', {}, t('budget.catalogue')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
          h('thead', {}, h('tr', {}, ['label', 'price', 'life', 'running', 'reserve', 'source'].map((k) => h('th', {}, t(`budget.cat.${k}`))), h('th', {}))),
          h('tbody', {}, catRows))));

      // Deferrals and cliffs.
      const defs = s.school ? v.deferrals.filter((d) => d.schulnummer === s.school) : v.deferrals;
      const shown = defs.slice(0, 100);
      const defCard = h('section', { class: 'card', id: 'budget-deferrals' },
        h('h2', {}, t('budget.deferrals', { n: defs.length })),
        defs.length === 0 ? h('p', { class: 'muted' }, t('budget.noDeferrals')) :
          h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
            h('tbody', {}, shown.map((d) => h('tr', {},
              h('td', {}, String(d.year)), h('td', {}, d.schulnummer), h('td', {}, catLabel(d.category)),
              h('td', { class: 'num' }, fmt.number(d.units)), h('td', { class: 'num' }, fmt.eur(d.cents)),
              h('td', {}, d.lands_in ? `→ ${d.lands_in}` : '–'), h('td', { class: 'muted' }, d.reason)))))),
        defs.length > shown.length ? h('p', { class: 'muted' }, t('budget.more', { n: defs.length - shown.length })) : null);
      const cliffs = v.cliffs.length ? h('div', { class: 'alert alert-warn', id: 'budget-cliffs' },
        h('strong', {}, t('budget.cliffs')), v.cliffs.map((c) => h('div', {}, c.text))) : null;
      const warnings = v.warnings.map((w) => h('div', { class: 'alert alert-warn' }, w));

      const compareCard = h('section', { class: 'card', id: 'budget-compare' }, h('h2', {}, t('budget.compare')));
      ctx.api.call('budget_compare').then((r) => {
        if (!r.ok) return;
        compareCard.appendChild(h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
          h('thead', {}, h('tr', {}, h('th', {}, t('budget.scenario')),
            ['total', 'funded', 'municipal', 'gap'].map((k) => h('th', { class: 'num' }, t(`budget.col.${k}`))),
            h('th', { class: 'num' }, t('budget.perPupil')))),
          h('tbody', {}, r.value.scenarios.map((x) => h('tr', {},
            h('td', {}, x.scenario), h('td', { class: 'num' }, fmt.eur(x.total_cents)),
            h('td', { class: 'num' }, fmt.eur(x.funded_cents)), h('td', { class: 'num' }, fmt.eur(x.municipal_cents)),
            h('td', { class: 'num' }, fmt.eur(x.gap_cents)), h('td', { class: 'num' }, fmt.eur(x.per_pupil_year_cents))))))));
      });
      const formulas = h('details', { class: 'card', id: 'budget-formulas' }, h('summary', {}, t('budget.formulas')),
        h('dl', {}, v.formulas.map(([k, f]) => [h('dt', {}, k), h('dd', { class: 'muted' }, f)])));

      clear(body);
      mount(body,
        h('div', { class: 'toolbar' },
          h('label', { class: 'field' }, t('budget.scenario'), ' ', scenarioSel),
          h('label', { class: 'field' }, t('budget.school'), ' ', schoolSel),
          exportBtn),
        stats, cliffs, warnings, charts, yearTable,
        scenarioCard(s, ctx, run), fundingCard(s, ctx, run), municipalCard(s, ctx, run), defCard,
        pupilsCard(s, ctx, run, chooseSchool), rulesCard, catCard, compareCard, formulas);
    };

    try {
      draw(await ctx.api.invoke('budget_screen', { scenario: state.scenario, school: state.school, language: language() }));
    } catch (e) {
      // Another plan may not have the remembered scenario or school: start from the default.
      state.scenario = null;
      state.school = null;
      await load(ctx.api.call('budget_screen', { scenario: null, school: null, language: language() }));
    }
  },
};

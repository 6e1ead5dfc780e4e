// Angebote & Verträge: offers of four kinds entered in forms or imported from the JSON/CSV template,
// the Wirtschaftlichkeitsvergleich (present value, annual cost, per device), the ranking with
// its reasons, the cumulative-cost chart, sensitivity (tornado, break-even), the UfAB
// evaluation with its criteria editor, the Varianten (combinations of offers, offers/variants.js),
// and the XLSX export. Every figure comes from the core.

import { dateInput } from '../dateinput.js';
import { h, mount } from '../dom.js';
import { svgImage } from '../widgets.js';
import { offerForm, formStrings } from './offers/form.js';
import { variantsCard, variantStrings, variantsUsing } from './offers/variants.js';

const strings = {
  de: {
    ...formStrings.de,
    ...variantStrings.de,
    'offers.title': 'Angebote & Verträge',
    'offers.sub': 'Wirtschaftlichkeitsvergleich nach der Kapitalwertmethode (§ 7 LHO) und Bewertung nach UfAB',
    'offers.add': 'Angebot hinzufügen',
    'offers.import': 'Vorlage importieren (JSON/CSV) …',
    'offers.export': 'Als Excel exportieren …',
    'offers.settings': 'Vergleichseinstellungen',
    'offers.settingsLine': 'Vergleich über {h} Jahre ab {start}',
    'offers.defaultRateWarn': 'Es gilt der voreingestellte Kalkulationszinssatz (BMF, Stand Juli 2023). Bitte den aktuellen Wert unter „Vergleichseinstellungen“ eintragen.',
    'offers.empty': 'Noch keine Angebote. Legen Sie ein Angebot an oder importieren Sie eine Angebotsvorlage (JSON oder CSV, Format in docs/OFFERS.md).',
    'col.rank': 'Rang', 'col.name': 'Angebot', 'col.kind': 'Art', 'col.units': 'Geräte', 'col.nominal': 'Nominal',
    'col.pv': 'Barwert', 'col.ae': 'Jährliche Kosten', 'col.device': 'Je Gerät/Jahr', 'col.pupil': 'Je Schüler/Jahr', 'col.diff': 'Mehrkosten',
    'offers.why': 'Begründung der Rangfolge',
    'offers.rules': 'Rechenregeln',
    'offers.detail': 'Angebot „{name}“',
    'offers.edit': 'Bearbeiten', 'offers.delete': 'Löschen', 'offers.close': 'Schließen', 'offers.save': 'Speichern', 'offers.cancel': 'Abbrechen',
    'offers.newTitle': 'Angebot hinzufügen', 'offers.editTitle': 'Angebot bearbeiten',
    'offers.saved': 'Angebot „{name}“ gespeichert.', 'offers.deleted': 'Angebot „{name}“ gelöscht.',
    'offers.delConfirm': 'Angebot „{name}“ wirklich löschen? Bewertungen dieses Angebots werden ebenfalls gelöscht.',
    'offers.years': 'Zahlungen je Vertragsjahr', 'offers.flows': 'Alle Zahlungen',
    'y.year': 'Jahr', 'y.nominal': 'Nominal', 'y.pv': 'Barwert', 'y.cumNominal': 'Nominal kumuliert', 'y.cumPv': 'Barwert kumuliert',
    'f.month': 'Monat', 'f.date': 'Datum', 'f.year': 'Vertragsjahr', 'f.kind': 'Zahlung', 'f.esc': 'Steigerung', 'f.amount': 'Betrag', 'f.df': 'Abzinsung', 'f.pv': 'Barwert',
    'set.start': 'Beginn (TT.MM.JJJJ)', 'set.horizon': 'Betrachtungszeitraum (Jahre)', 'set.rate': 'Kalkulationszinssatz (% p.a.)',
    'set.source': 'Quelle des Zinssatzes', 'set.pupils': 'Schülerzahl (für Kosten je Schüler)', 'set.default': 'Voreinstellung: {rate} % – {source}',
    'set.saved': 'Einstellungen gespeichert.',
    'sens.title': 'Sensitivität', 'sens.a': 'Angebot', 'sens.b': 'Verglichen mit', 'sens.none': '– kein Vergleich –', 'sens.run': 'Berechnen',
    'sens.breakEven': 'Break-even',
    'ev.title': 'Bewertung nach UfAB', 'ev.edit': 'Bewertungskriterien bearbeiten …', 'ev.none': 'Noch keine Bewertungskriterien. Legen Sie Kriterien mit Gewichten (Summe 100) an und vergeben Sie Punkte je Angebot.',
    'ev.criterion': 'Kriterium', 'ev.weight': 'Gewicht', 'ev.sum': 'Summe der Gewichte: {sum} (muss 100 sein)', 'ev.addCrit': 'Kriterium hinzufügen',
    'ev.scores': 'Punkte je Angebot (0–{max})', 'ev.band': 'Schwankungsbereich (%)', 'ev.deciding': 'Entscheidend im Bereich',
    'ev.deciding.performance': 'höchste Leistung', 'ev.deciding.price': 'niedrigster Preis', 'ev.share': 'Preisanteil Nutzwertanalyse (%)',
    'ev.saved': 'Bewertung gespeichert.', 'ev.remove': 'Kriterium entfernen',
    'imp.done': 'Angebotsvorlage importiert.', 'exp.done': 'Gespeichert: {path}',
    'offers.kind.purchase': 'Kauf', 'offers.kind.lease': 'Leasing', 'offers.kind.rental': 'Miete', 'offers.kind.support': 'Supportvertrag',
  },
  en: {
    ...formStrings.en,
    ...variantStrings.en,
    'offers.title': 'Offers & contracts',
    'offers.sub': 'Economic comparison by the present value method (§ 7 LHO) and evaluation per UfAB',
    'offers.add': 'Add offer', 'offers.import': 'Import template (JSON/CSV) …', 'offers.export': 'Export to Excel …',
    'offers.settings': 'Comparison settings',
    'offers.settingsLine': 'Comparison over {h} years from {start}',
    'offers.defaultRateWarn': 'The preset discount rate (BMF, as of July 2023) is in use. Please enter the current value under “Comparison settings”.',
    'offers.empty': 'No offers yet. Add an offer or import an offer template (JSON or CSV, format in docs/OFFERS.md).',
    'offers.kind.purchase': 'Purchase', 'offers.kind.lease': 'Lease', 'offers.kind.rental': 'Rental', 'offers.kind.support': 'Support contract',
    'col.rank': 'Rank', 'col.name': 'Offer', 'col.kind': 'Kind', 'col.units': 'Devices', 'col.nominal': 'Nominal',
    'col.pv': 'Present value', 'col.ae': 'Annual cost', 'col.device': 'Per device/year', 'col.pupil': 'Per pupil/year', 'col.diff': 'Extra cost',
    'offers.why': 'Reasons for the ranking',
    'offers.rules': 'Calculation rules',
    'offers.detail': 'Offer “{name}”',
    'offers.edit': 'Edit', 'offers.delete': 'Delete', 'offers.close': 'Close', 'offers.save': 'Save', 'offers.cancel': 'Cancel',
    'offers.newTitle': 'Add offer', 'offers.editTitle': 'Edit offer',
    'offers.saved': 'Offer “{name}” saved.', 'offers.deleted': 'Offer “{name}” deleted.',
    'offers.delConfirm': 'Really delete offer “{name}”? Its evaluation scores are deleted too.',
    'offers.years': 'Payments per contract year', 'offers.flows': 'All payments',
    'y.year': 'Year', 'y.nominal': 'Nominal', 'y.pv': 'Present value', 'y.cumNominal': 'Nominal cumulative', 'y.cumPv': 'Present value cumulative',
    'f.month': 'Month', 'f.date': 'Date', 'f.year': 'Contract year', 'f.kind': 'Payment', 'f.esc': 'Escalation', 'f.amount': 'Amount', 'f.df': 'Discount factor', 'f.pv': 'Present value',
    'set.start': 'Start (DD.MM.YYYY)', 'set.horizon': 'Horizon (years)', 'set.rate': 'Discount rate (% p.a.)',
    'set.source': 'Source of the discount rate', 'set.pupils': 'Number of pupils (for cost per pupil)', 'set.default': 'Preset: {rate} % – {source}',
    'set.saved': 'Settings saved.',
    'sens.title': 'Sensitivity', 'sens.a': 'Offer', 'sens.b': 'Compared with', 'sens.none': '– no comparison –', 'sens.run': 'Calculate',
    'sens.breakEven': 'Break-even',
    'ev.title': 'Evaluation per UfAB', 'ev.edit': 'Edit evaluation criteria …', 'ev.none': 'No evaluation criteria yet. Add criteria with weights (summing to 100) and give points per offer.',
    'ev.criterion': 'Criterion', 'ev.weight': 'Weight', 'ev.sum': 'Sum of weights: {sum} (must be 100)', 'ev.addCrit': 'Add criterion',
    'ev.scores': 'Points per offer (0–{max})', 'ev.band': 'Tolerance band (%)', 'ev.deciding': 'Deciding within the band',
    'ev.deciding.performance': 'highest performance', 'ev.deciding.price': 'lowest price', 'ev.share': 'Price share in the utility analysis (%)',
    'ev.saved': 'Evaluation saved.', 'ev.remove': 'Remove criterion',
    'imp.done': 'Offer template imported.', 'exp.done': 'Saved: {path}',
  },
};

let state = { sensA: null, sensB: '' };

/** A group's key as a part of element ids: "geraete", "support", a user's group
 * "Support Schüler-Tablets" → "support-schuler-tablets". */
function domKey(group) {
  return group.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'gruppe';
}

export default {
  id: 'offers',
  icon: 'offers',
  title: { de: 'Angebote & Verträge', en: 'Offers & contracts' },
  strings,
  async render(el, ctx) {
    const { t, fmt } = ctx;
    const disposers = [];
    const body = h('div', { class: 'offers-body', id: 'offers-body' });
    mount(el,
      h('header', { class: 'screen-head' },
        h('div', {}, h('h1', {}, t('offers.title')), h('p', { class: 'screen-sub' }, t('offers.sub'))),
        h('div', { class: 'screen-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-settings', onclick: () => settingsDialog() }, t('offers.settings')),
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-import', onclick: () => importJson() }, t('offers.import')),
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-export', onclick: () => exportXlsx() }, t('offers.export')),
          h('button', { type: 'button', class: 'btn btn-primary', id: 'offers-add', onclick: () => editor(null) }, t('offers.add')))),
      body);

    let view = null;

    async function load(v) {
      if (v) view = v;
      else {
        const r = await ctx.api.call('offers_overview');
        if (!r.ok) return;
        view = r.value;
      }
      draw();
    }

    function offerJson(id) {
      return view.offers.find((o) => o.id === id);
    }

    function draw() {
      disposers.splice(0).forEach((d) => d());
      const c = view.comparison;
      const s = view.settings;
      const parts = [];
      parts.push(h('div', { class: 'card offers-settings-card' },
        h('p', { id: 'offers-settings-line' }, t('offers.settingsLine', { h: s.horizon_years, start: fmt.date(s.start) })),
        h('p', { id: 'offers-rate-line', class: 'offers-rate' }, c.rate_line),
        s.discount_rate_source === view.default_rate_source
          ? h('p', { class: 'alert alert-warn', id: 'offers-rate-warn' }, t('offers.defaultRateWarn')) : null));
      if (!c.results.length) {
        parts.push(h('p', { class: 'card muted', id: 'offers-empty' }, t('offers.empty')));
        mount(body, parts);
        return;
      }
      const groups = [...new Set(c.ranking.map((r) => r.group))];
      const hasPupils = c.results.some((r) => r.cost_per_pupil_year_cents !== undefined && r.cost_per_pupil_year_cents !== null);
      for (const g of groups) {
        const entries = c.ranking.filter((r) => r.group === g);
        const key = domKey(g);
        const rows = entries.map((e) => {
          const r = c.results.find((x) => x.id === e.id);
          return h('tr', {
            class: 'row-link', tabindex: '0', dataset: { key: e.id },
            onclick: () => details(e.id),
            onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); details(e.id); } },
          },
          h('td', { class: 'num col-rank' }, String(e.rank)),
          h('td', { class: 'col-name' }, r.name),
          h('td', {}, t(`offers.kind.${r.kind}`)),
          h('td', { class: 'num' }, fmt.number(r.units)),
          h('td', { class: 'num' }, fmt.eur(r.nominal_cents)),
          h('td', { class: 'num col-pv' }, fmt.eur(r.present_value_cents)),
          h('td', { class: 'num' }, fmt.eur(r.annual_equivalent_cents)),
          h('td', { class: 'num' }, fmt.eur(r.cost_per_device_year_cents)),
          hasPupils ? h('td', { class: 'num' }, fmt.eur(r.cost_per_pupil_year_cents)) : null,
          h('td', { class: 'num' }, e.difference_to_best_cents ? `+${fmt.eur(e.difference_to_best_cents)}` : '–'));
        });
        const table = h('table', { class: 'data-table', id: `offers-table-${key}` },
          h('thead', {}, h('tr', {},
            ['col.rank', 'col.name', 'col.kind', 'col.units', 'col.nominal', 'col.pv', 'col.ae', 'col.device', ...(hasPupils ? ['col.pupil'] : []), 'col.diff']
              .map((k, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? '' : 'num' }, t(k))))),
          h('tbody', {}, rows));
        const chart = view.charts.find((x) => x.group === g);
        let img = null;
        if (chart) {
          const im = svgImage(chart.svg, chart.title, { id: `offers-chart-${key}` });
          disposers.push(im.dispose);
          img = im.el;
        }
        parts.push(h('section', { class: 'card offers-group', id: `offers-group-${key}` },
          h('h2', {}, entries[0].group_label),
          h('div', { class: 'table-wrap' }, table),
          h('h3', {}, t('offers.why')),
          h('ol', { class: 'offers-reasons', id: `offers-ranking-${key}` },
            entries.map((e) => h('li', { dataset: { key: e.id } }, h('strong', {}, `${e.name}: `), e.reason))),
          img));
      }
      parts.push(variantsCard(ctx, view, load, disposers));
      parts.push(h('div', { class: 'card', id: 'offers-explanation' }, c.explanation.map((p) => h('p', {}, p))));
      parts.push(sensitivityCard());
      parts.push(evaluationCard());
      parts.push(h('details', { class: 'card offers-rules' },
        h('summary', {}, t('offers.rules')),
        h('ul', {}, c.conventions.map((x) => h('li', {}, x)))));
      mount(body, parts);
    }

    function table(id, head, rows) {
      return h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id },
        h('thead', {}, h('tr', {}, head.map(([k, num]) => h('th', { class: num ? 'num' : '' }, t(k))))),
        h('tbody', {}, rows)));
    }

    async function details(id) {
      const r = view.comparison.results.find((x) => x.id === id);
      const years = table('offer-years', [['y.year'], ['y.nominal', 1], ['y.pv', 1], ['y.cumNominal', 1], ['y.cumPv', 1]],
        r.years.map((y) => h('tr', {}, h('td', {}, String(y.year)), h('td', { class: 'num' }, fmt.eur(y.nominal_cents)),
          h('td', { class: 'num' }, fmt.eur(y.present_value_cents)), h('td', { class: 'num' }, fmt.eur(y.cumulative_nominal_cents)),
          h('td', { class: 'num' }, fmt.eur(y.cumulative_present_value_cents)))));
      const flows = table('offer-flows', [['f.month', 1], ['f.date'], ['f.year', 1], ['f.kind'], ['f.esc', 1], ['f.amount', 1], ['f.df', 1], ['f.pv', 1]],
        r.flows.map((f) => h('tr', {}, h('td', { class: 'num' }, String(f.month)), h('td', {}, fmt.date(f.date)),
          h('td', { class: 'num' }, String(f.contract_year)), h('td', {}, f.label), h('td', { class: 'num' }, fmt.number(f.escalation_factor, 4)),
          h('td', { class: 'num' }, fmt.eur(f.amount_cents)), h('td', { class: 'num' }, fmt.number(f.discount_factor, 6)),
          h('td', { class: 'num' }, fmt.eur(f.present_value_cents)))));
      const res = await ctx.ui.modal({
        title: t('offers.detail', { name: r.name }),
        size: 'wide',
        id: 'offer-detail',
        body: h('div', { class: 'offer-detail' },
          h('ul', { id: 'offer-explain' }, r.explain.map((x) => h('li', {}, x))),
          h('div', { class: 'stats' },
            stat(t('col.pv'), fmt.eur(r.present_value_cents)), stat(t('col.nominal'), fmt.eur(r.nominal_cents)),
            stat(t('col.ae'), fmt.eur(r.annual_equivalent_cents)), stat(t('col.device'), fmt.eur(r.cost_per_device_year_cents))),
          h('h3', {}, t('offers.years')), years,
          h('h3', {}, t('offers.flows')), h('div', { class: 'offer-flows-wrap' }, flows)),
        buttons: [
          { label: t('offers.delete'), kind: 'danger-quiet', value: 'delete', align: 'start', id: 'offer-delete' },
          { label: t('offers.close'), kind: 'secondary', value: undefined },
          { label: t('offers.edit'), kind: 'primary', submit: true, value: 'edit', id: 'offer-edit' },
        ],
      });
      if (res === 'edit') editor(offerJson(id));
      if (res === 'delete') {
        const used = variantsUsing(view, id);
        const question = t('offers.delConfirm', { name: r.name }) + (used.length ? ` ${t('var.usedBy', { names: used.join('“, „') })}` : '');
        const yes = await ctx.ui.confirm(question, { danger: true, confirmLabel: t('offers.delete') });
        if (!yes) return;
        const x = await ctx.api.call('offers_delete', { id });
        if (x.ok) {
          const d = x.value.deleted;
          const extra = [
            d.variants_changed.length ? t('var.changed', { names: d.variants_changed.join('“, „') }) : '',
            d.variants_deleted.length ? t('var.gone', { names: d.variants_deleted.join('“, „') }) : '',
          ].filter(Boolean).join(' ');
          ctx.ui.toast(`${t('offers.deleted', { name: r.name })}${extra ? ` ${extra}` : ''}`);
          load(x.value.view);
        }
      }
    }

    function stat(label, value) {
      return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, value), h('span', { class: 'stat-label' }, label));
    }

    async function editor(offer) {
      const form = offerForm(ctx, offer);
      const errorBox = h('p', { class: 'alert alert-error', id: 'offer-error', role: 'alert', hidden: true });
      await ctx.ui.modal({
        title: t(offer ? 'offers.editTitle' : 'offers.newTitle'),
        size: 'wide',
        id: 'offer-editor',
        initialFocus: offer ? '#offer-f-name' : '#offer-f-kind',
        body: h('div', {}, errorBox, form.el),
        buttons: [
          { label: t('offers.cancel'), kind: 'secondary', value: undefined },
          { label: t('offers.save'), kind: 'primary', submit: true, value: 'saved', id: 'offer-save' },
        ],
        onSubmit: async () => {
          try {
            const o = form.collect();
            const v = await ctx.api.invoke('offers_save', { offer: o, originalId: offer ? offer.id : null });
            ctx.ui.toast(t('offers.saved', { name: o.name || o.id }));
            load(v);
            return true;
          } catch (e) {
            errorBox.textContent = e.message;
            errorBox.hidden = false;
            return false;
          }
        },
      });
    }

    async function settingsDialog() {
      const s = view.settings;
      const inp = (id, value) => h('input', { id, class: 'input', value: value ?? '', autocomplete: 'off' });
      const start = dateInput({ id: 'offers-set-start', value: s.start, required: true, label: t('set.start') });
      const horizon = inp('offers-set-horizon', String(s.horizon_years));
      const rate = inp('offers-set-rate', fmt.number(s.discount_rate_pct, 2));
      const source = inp('offers-set-source', s.discount_rate_source);
      const pupils = inp('offers-set-pupils', s.pupils ?? '');
      const errorBox = h('p', { class: 'alert alert-error', role: 'alert', hidden: true, id: 'offers-set-error' });
      const f = (label, input, wide) => h('label', { class: `field${wide ? ' field-wide' : ''}` }, h('span', {}, label), input);
      await ctx.ui.modal({
        title: t('offers.settings'),
        id: 'offers-settings-dialog',
        body: h('div', {}, errorBox, h('div', { class: 'form-grid' },
          f(t('set.start'), start.el), f(t('set.horizon'), horizon), f(t('set.rate'), rate), f(t('set.pupils'), pupils),
          f(t('set.source'), source, true)),
        h('p', { class: 'muted' }, t('set.default', { rate: fmt.number(view.default_rate_pct, 1), source: view.default_rate_source }))),
        buttons: [
          { label: t('offers.cancel'), kind: 'secondary', value: undefined },
          { label: t('offers.save'), kind: 'primary', submit: true, value: 'saved', id: 'offers-set-save' },
        ],
        onSubmit: async () => {
          const r = fmt.parseNumber(rate.value);
          const hz = fmt.parseInteger(horizon.value);
          const p = fmt.parseInteger(pupils.value);
          const startIso = start.value();
          if (startIso === undefined) return false;
          if (r === null || Number.isNaN(r) || hz === null || Number.isNaN(hz) || Number.isNaN(p)) {
            errorBox.textContent = t('of.bad', { field: Number.isNaN(p) ? t('set.pupils') : (hz === null || Number.isNaN(hz)) ? t('set.horizon') : t('set.rate') });
            errorBox.hidden = false;
            return false;
          }
          try {
            const v = await ctx.api.invoke('offers_save_settings', {
              settings: { start: startIso, horizon_years: hz, discount_rate_pct: r, discount_rate_source: source.value, pupils: p },
            });
            ctx.ui.toast(t('set.saved'));
            load(v);
            return true;
          } catch (e) {
            errorBox.textContent = e.message;
            errorBox.hidden = false;
            return false;
          }
        },
      });
    }

    async function importJson() {
      const r = await ctx.api.call('offers_import_json');
      if (r.ok && r.value) { ctx.ui.toast(t('imp.done')); load(r.value); }
    }

    async function exportXlsx() {
      const r = await ctx.api.call('offers_export_xlsx');
      if (r.ok && r.value) ctx.ui.toast(t('exp.done', { path: r.value }));
    }

    function sensitivityCard() {
      const ids = view.comparison.ranking.map((r) => r.id);
      if (!state.sensA || !ids.includes(state.sensA)) state.sensA = ids[0];
      if (state.sensB && !ids.includes(state.sensB)) state.sensB = '';
      const name = (id) => view.comparison.results.find((r) => r.id === id).name;
      const a = h('select', { class: 'input', id: 'offers-sens-a' }, ids.map((id) => h('option', { value: id }, name(id))));
      const b = h('select', { class: 'input', id: 'offers-sens-b' }, h('option', { value: '' }, t('sens.none')), ids.map((id) => h('option', { value: id }, name(id))));
      a.value = state.sensA;
      b.value = state.sensB;
      const out = h('div', { id: 'offers-sens-out' });
      const run = async () => {
        state.sensA = a.value;
        state.sensB = b.value;
        const r = await ctx.api.call('offers_sensitivity', { a: a.value, b: b.value || null });
        if (!r.ok) return;
        const v = r.value;
        const im = svgImage(v.pair_svg || v.tornado_svg, t('sens.title'), { id: 'offers-tornado' });
        disposers.push(im.dispose);
        mount(out,
          v.pair ? h('div', {}, h('h3', {}, t('sens.breakEven')),
            h('ul', { id: 'offers-break-even' }, v.pair.break_even.map((x) => h('li', {}, x.explanation)))) : null,
          im.el);
      };
      const card = h('section', { class: 'card', id: 'offers-sensitivity' },
        h('h2', {}, t('sens.title')),
        h('div', { class: 'toolbar' },
          h('label', { class: 'field' }, h('span', {}, t('sens.a')), a),
          h('label', { class: 'field' }, h('span', {}, t('sens.b')), b),
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-sens-run', onclick: run }, t('sens.run'))),
        out);
      return card;
    }

    function evaluationCard() {
      const ev = view.comparison.evaluation;
      const head = h('div', { class: 'toolbar' },
        h('h2', {}, t('ev.title')),
        h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-criteria', onclick: () => criteriaEditor() }, t('ev.edit')));
      if (!ev) return h('section', { class: 'card', id: 'offers-evaluation' }, head, h('p', { class: 'muted' }, t('ev.none')));
      const methods = [ev.simple, ev.extended, ev.utility].map((m) => h('div', { class: 'offers-method', id: `offers-method-${m.method}` },
        h('h3', {}, m.title),
        h('ol', {}, m.ranking.map((r) => h('li', {}, h('strong', {}, `${r.name}: `), r.reason))),
        h('p', { class: 'offers-method-why' }, m.explanation)));
      return h('section', { class: 'card', id: 'offers-evaluation' }, head,
        h('p', { class: 'muted' }, ev.summary[0]),
        methods);
    }

    async function criteriaEditor() {
      const spec = view.evaluation || { criteria: [], scores: {}, max_score: 10, band_pct: 10, deciding: 'performance', price_share_pct: 30, price_zero_at_pct: 100 };
      let crits = spec.criteria.map((c) => ({ ...c }));
      const scores = JSON.parse(JSON.stringify(spec.scores || {}));
      const offers = view.comparison.results;
      const errorBox = h('p', { class: 'alert alert-error', role: 'alert', hidden: true, id: 'criteria-error' });
      const sumLine = h('p', { class: 'muted', id: 'criteria-sum' });
      const band = h('input', { class: 'input input-num', id: 'criteria-band', value: fmt.number(spec.band_pct, 0) });
      const share = h('input', { class: 'input input-num', id: 'criteria-share', value: fmt.number(spec.price_share_pct, 0) });
      const deciding = h('select', { class: 'input', id: 'criteria-deciding' },
        ['performance', 'price'].map((v) => h('option', { value: v }, t(`ev.deciding.${v}`))));
      deciding.value = spec.deciding;
      const grid = h('div', { id: 'criteria-grid' });
      const sum = () => crits.reduce((a, c) => a + (Number(c.weight) || 0), 0);
      const drawGrid = () => {
        sumLine.textContent = t('ev.sum', { sum: fmt.number(sum(), 1) });
        mount(grid, h('div', { class: 'table-wrap' }, h('table', { class: 'data-table' },
          h('thead', {}, h('tr', {}, h('th', {}, t('ev.criterion')), h('th', { class: 'num' }, t('ev.weight')),
            offers.map((o) => h('th', { class: 'num' }, o.name)), h('th', {}))),
          h('tbody', {}, crits.map((c, i) => h('tr', {},
            h('td', {}, h('input', { class: 'input', id: `crit-name-${i}`, value: c.name, oninput: (e) => { c.name = e.target.value; } })),
            h('td', {}, h('input', { class: 'input input-num', id: `crit-weight-${i}`, value: fmt.number(c.weight, 0),
              oninput: (e) => { c.weight = fmt.parseNumber(e.target.value); sumLine.textContent = t('ev.sum', { sum: fmt.number(sum(), 1) }); } })),
            offers.map((o) => h('td', {}, h('input', {
              class: 'input input-num', id: `score-${o.id}-${i}`, 'aria-label': `${o.name}: ${c.name}`,
              value: scores[o.id]?.[c.id] !== undefined ? fmt.number(scores[o.id][c.id], 1).replace(/,0$/, '') : '',
              oninput: (e) => { scores[o.id] = scores[o.id] || {}; const v = fmt.parseNumber(e.target.value); if (v === null) delete scores[o.id][c.id]; else scores[o.id][c.id] = v; },
            }))),
            h('td', {}, h('button', { type: 'button', class: 'btn btn-danger-quiet', 'aria-label': t('ev.remove'), onclick: () => { crits.splice(i, 1); drawGrid(); } }, '×'))))))));
      };
      drawGrid();
      const add = h('button', { type: 'button', class: 'btn btn-secondary', id: 'criteria-add', onclick: () => {
        let k = crits.length + 1;
        while (crits.some((c) => c.id === `k${k}`)) k += 1;
        crits.push({ id: `k${k}`, name: '', weight: 0 });
        drawGrid();
      } }, t('ev.addCrit'));
      await ctx.ui.modal({
        title: t('ev.title'),
        size: 'wide',
        id: 'criteria-dialog',
        body: h('div', {}, errorBox, grid, sumLine, add,
          h('div', { class: 'form-grid form-grid-3' },
            h('label', { class: 'field' }, h('span', {}, t('ev.band')), band),
            h('label', { class: 'field' }, h('span', {}, t('ev.deciding')), deciding),
            h('label', { class: 'field' }, h('span', {}, t('ev.share')), share))),
        buttons: [
          { label: t('offers.cancel'), kind: 'secondary', value: undefined },
          { label: t('offers.save'), kind: 'primary', submit: true, value: 'saved', id: 'criteria-save' },
        ],
        onSubmit: async () => {
          const ids = new Set(crits.map((c) => c.id));
          const clean = {};
          for (const [o, row] of Object.entries(scores)) {
            const r = Object.fromEntries(Object.entries(row).filter(([c, v]) => ids.has(c) && v !== null && !Number.isNaN(v)));
            if (Object.keys(r).length) clean[o] = r;
          }
          const evaluation = {
            criteria: crits.map((c) => ({ id: c.id, name: c.name || c.id, weight: Number.isFinite(c.weight) ? c.weight : NaN })),
            scores: clean, band_pct: fmt.parseNumber(band.value), deciding: deciding.value,
            price_share_pct: fmt.parseNumber(share.value), max_score: spec.max_score, price_zero_at_pct: spec.price_zero_at_pct,
          };
          try {
            const v = await ctx.api.invoke('offers_save_evaluation', { evaluation });
            ctx.ui.toast(t('ev.saved'));
            load(v);
            return true;
          } catch (e) {
            errorBox.textContent = e.message;
            errorBox.hidden = false;
            return false;
          }
        },
      });
    }

    await load();
    return () => disposers.splice(0).forEach((d) => d());
  },
};

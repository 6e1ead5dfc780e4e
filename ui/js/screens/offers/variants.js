// The „Varianten“ card of the offers screen: named combinations of offers (e.g. purchase +
// support contract vs. rental with service included), ranked by the core by present value with
// their figures and reasons; add, edit (a row opens the editor: name + a checkbox per offer) and
// delete (in the editor); the sensitivity of one variant against another (break-even values and
// the tornado of the difference, the same core function as `schulit offers sensitivity --variant
// A --against B`). Every figure and every check comes from the core.

import { h, mount } from '../../dom.js';
import { svgImage } from '../../widgets.js';

export const variantStrings = {
  de: {
    'var.title': 'Varianten',
    'var.sub': 'Kombinationen von Angeboten, als Ganzes verglichen – z. B. „Kauf + Support“ gegen „Miete inkl. Service“. Zahlungen = Summe der Zahlungen der Angebote; Geräte = Geräte der Kauf-, Leasing- und Mietangebote.',
    'var.add': 'Variante hinzufügen',
    'var.none': 'Noch keine Varianten. Legen Sie eine Variante an und wählen Sie die Angebote, die zusammen gehören.',
    'var.col.name': 'Variante (Angebote)',
    'var.why': 'Begründung der Rangfolge',
    'var.newTitle': 'Variante hinzufügen', 'var.editTitle': 'Variante bearbeiten',
    'var.name': 'Name der Variante', 'var.note': 'Bemerkung (optional)', 'var.offers': 'Angebote der Variante',
    'var.offerLine': '{name} ({kind}, {units} Geräte)',
    'var.saved': 'Variante „{name}“ gespeichert.', 'var.deleted': 'Variante „{name}“ gelöscht.',
    'var.delConfirm': 'Variante „{name}“ wirklich löschen? Die Angebote bleiben erhalten.',
    'var.delete': 'Löschen',
    'var.editLabel': 'Variante „{name}“ bearbeiten',
    'var.usedBy': 'Das Angebot wird aus Variante „{names}“ entfernt; eine Variante ohne Kauf-, Leasing- oder Mietangebot wird mit gelöscht.',
    'var.changed': 'Aus Variante „{names}“ entfernt.', 'var.gone': 'Variante „{names}“ gelöscht (kein Geräteangebot mehr).',
    'var.sens.title': 'Sensitivität: Variante gegen Variante',
    'var.sens.sub': 'Wie stark hängt der Unterschied der Barwerte von Zinssatz, Preisen, Nutzungsdauer und Preissteigerung ab, und wo kosten beide gleich viel? Die Parameter einer Variante gelten für alle ihre Angebote zusammen.',
    'var.sens.a': 'Variante', 'var.sens.b': 'Verglichen mit', 'var.sens.run': 'Berechnen',
    'var.sens.diff': 'Barwert „{a}“ − „{b}“: {diff}',
    'var.sens.breakEven': 'Break-even',
    'var.sens.chart': 'Sensitivität „{a}“ gegen „{b}“',
  },
  en: {
    'var.title': 'Variants',
    'var.sub': 'Combinations of offers compared as a whole – e.g. “purchase + support” against “rental with service”. Payments = sum of the offers’ payments; devices = devices of the purchase, lease and rental offers.',
    'var.add': 'Add variant',
    'var.none': 'No variants yet. Add a variant and choose the offers that belong together.',
    'var.col.name': 'Variant (offers)',
    'var.why': 'Reasons for the ranking',
    'var.newTitle': 'Add variant', 'var.editTitle': 'Edit variant',
    'var.name': 'Name of the variant', 'var.note': 'Remark (optional)', 'var.offers': 'Offers of the variant',
    'var.offerLine': '{name} ({kind}, {units} devices)',
    'var.saved': 'Variant “{name}” saved.', 'var.deleted': 'Variant “{name}” deleted.',
    'var.delConfirm': 'Really delete variant “{name}”? The offers are kept.',
    'var.delete': 'Delete',
    'var.editLabel': 'Edit variant “{name}”',
    'var.usedBy': 'The offer is removed from variant “{names}”; a variant without a purchase, lease or rental offer is deleted with it.',
    'var.changed': 'Removed from variant “{names}”.', 'var.gone': 'Variant “{names}” deleted (no device offer left).',
    'var.sens.title': 'Sensitivity: variant against variant',
    'var.sens.sub': 'How much does the difference in present value depend on the discount rate, prices, useful life and escalation, and where do both cost the same? A variant’s parameters apply to all its offers together.',
    'var.sens.a': 'Variant', 'var.sens.b': 'Compared with', 'var.sens.run': 'Calculate',
    'var.sens.diff': 'Present value “{a}” − “{b}”: {diff}',
    'var.sens.breakEven': 'Break-even',
    'var.sens.chart': 'Sensitivity “{a}” against “{b}”',
  },
};

/** Names of the variants that use offer `id` (for the delete confirmation). */
export function variantsUsing(view, id) {
  return view.comparison.variants.filter((v) => v.offers.includes(id)).map((v) => v.name);
}

/** The pair chosen for the sensitivity, kept while the screen is redrawn. */
const sensState = { a: null, b: null };

/** The card. `load(view)` redraws the screen with the view a command returned; `disposers`
 * collects what to release when it is redrawn (chart URLs). */
export function variantsCard(ctx, view, load, disposers = []) {
  const { t, fmt } = ctx;
  const c = view.comparison;
  const list = c.variants;
  const head = h('div', { class: 'toolbar' },
    h('h2', {}, t('var.title')),
    h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-variant-add', onclick: () => editor(ctx, view, null, load) }, t('var.add')));
  const sub = h('p', { class: 'muted' }, t('var.sub'));
  if (!list.length) {
    return h('section', { class: 'card', id: 'offers-variants' }, head, sub, h('p', { class: 'muted', id: 'offers-variants-none' }, t('var.none')));
  }
  const hasPupils = list.some((v) => v.cost_per_pupil_year_cents !== undefined && v.cost_per_pupil_year_cents !== null);
  const cols = [['col.rank', 1], ['var.col.name'], ['col.units', 1], ['col.pv', 1], ['col.ae', 1], ['col.device', 1],
    ...(hasPupils ? [['col.pupil', 1]] : []), ['col.diff', 1]];
  // A row opens the editor (name, offers; delete there), like an offer row opens its details.
  const open = (v) => editor(ctx, view, v, load);
  const rows = list.map((v) => h('tr', {
    class: 'row-link', tabindex: '0', dataset: { key: v.id }, title: t('var.editLabel', { name: v.name }),
    onclick: () => open(v),
    onkeydown: (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(v); } },
  },
  h('td', { class: 'num col-rank' }, String(v.rank)),
  h('td', { class: 'col-name' },
    h('span', { class: 'variant-name' }, v.name),
    h('span', { class: 'variant-offers-line' }, v.offer_names.join(' + '))),
  h('td', { class: 'num col-devices' }, fmt.number(v.devices)),
  h('td', { class: 'num col-pv' }, fmt.eur(v.present_value_cents)),
  h('td', { class: 'num' }, fmt.eur(v.annual_equivalent_cents)),
  h('td', { class: 'num col-device' }, fmt.eur(v.cost_per_device_year_cents)),
  hasPupils ? h('td', { class: 'num' }, fmt.eur(v.cost_per_pupil_year_cents)) : null,
  h('td', { class: 'num' }, v.difference_to_best_cents ? `+${fmt.eur(v.difference_to_best_cents)}` : '–')));
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'offers-variants-table' },
    h('thead', {}, h('tr', {}, cols.map(([k, num]) => h('th', { scope: 'col', class: num ? 'num' : '' }, t(k))))),
    h('tbody', {}, rows)));
  const reasons = h('ol', { class: 'offers-reasons', id: 'offers-variants-ranking' },
    list.map((v) => h('li', { dataset: { key: v.id } }, h('strong', {}, `${v.name}: `), v.reason,
      v.note ? h('span', { class: 'muted' }, ` (${v.note})`) : null,
      v.warnings.map((w) => h('div', { class: 'offers-variant-warn' }, w)))));
  return h('section', { class: 'card', id: 'offers-variants' }, head, sub, table, h('h3', {}, t('var.why')), reasons,
    list.length > 1 ? sensitivity(ctx, list, disposers) : null);
}

/** Two variants picked, PV(A) − PV(B) with its break-even values and tornado from the core. */
function sensitivity(ctx, list, disposers) {
  const { t, fmt } = ctx;
  const ids = list.map((v) => v.id);
  if (!ids.includes(sensState.a)) sensState.a = ids[0];
  if (!ids.includes(sensState.b) || sensState.b === sensState.a) sensState.b = ids.find((id) => id !== sensState.a);
  const options = () => list.map((v) => h('option', { value: v.id }, v.name));
  const a = h('select', { class: 'input', id: 'offers-var-sens-a' }, options());
  const b = h('select', { class: 'input', id: 'offers-var-sens-b' }, options());
  a.value = sensState.a;
  b.value = sensState.b;
  const out = h('div', { id: 'offers-var-sens-out', 'aria-live': 'polite' });
  const error = h('p', { class: 'alert alert-error', id: 'offers-var-sens-error', role: 'alert', hidden: true });
  const run = async () => {
    sensState.a = a.value;
    sensState.b = b.value;
    error.hidden = true;
    let v;
    try {
      v = await ctx.api.invoke('offers_variant_sensitivity', { a: a.value, b: b.value });
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      mount(out);
      return;
    }
    const p = v.pair;
    const im = svgImage(v.pair_svg, t('var.sens.chart', { a: v.a_name, b: v.b_name }), { id: 'offers-var-tornado' });
    disposers.push(im.dispose);
    mount(out,
      h('p', { id: 'offers-var-sens-diff', class: 'offers-var-sens-diff' },
        t('var.sens.diff', { a: v.a_name, b: v.b_name, diff: fmt.eur(p.base_difference_cents) })),
      h('h4', {}, t('var.sens.breakEven')),
      h('ul', { id: 'offers-var-break-even' },
        p.break_even.map((x) => h('li', { dataset: { parameter: x.parameter } }, x.explanation))),
      (p.notes || []).length
        ? h('ul', { class: 'muted', id: 'offers-var-sens-notes' }, p.notes.map((n) => h('li', {}, n))) : null,
      im.el);
  };
  return h('div', { class: 'offers-var-sens', id: 'offers-variant-sens' },
    h('h3', {}, t('var.sens.title')),
    h('p', { class: 'muted' }, t('var.sens.sub')),
    h('div', { class: 'toolbar' },
      h('label', { class: 'field' }, h('span', {}, t('var.sens.a')), a),
      h('label', { class: 'field' }, h('span', {}, t('var.sens.b')), b),
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'offers-var-sens-run', onclick: run }, t('var.sens.run'))),
    error, out);
}

async function remove(ctx, v, load) {
  const { t } = ctx;
  const yes = await ctx.ui.confirm(t('var.delConfirm', { name: v.name }), { danger: true, confirmLabel: t('var.delete') });
  if (!yes) return;
  const r = await ctx.api.call('offers_delete_variant', { id: v.id });
  if (r.ok) { ctx.ui.toast(t('var.deleted', { name: v.name })); load(r.value); }
}

async function editor(ctx, view, variant, load) {
  const { t, fmt } = ctx;
  const name = h('input', { id: 'variant-f-name', class: 'input', value: variant ? variant.name : '', autocomplete: 'off' });
  const note = h('input', { id: 'variant-f-note', class: 'input', value: variant ? variant.note || '' : '', autocomplete: 'off' });
  const chosen = new Set(variant ? variant.offers : []);
  // Device offers first, then the support contracts, each in the order entered.
  const results = view.comparison.results;
  const ordered = [...results.filter((r) => r.kind !== 'support'), ...results.filter((r) => r.kind === 'support')];
  const boxes = ordered.map((r) => ({
    id: r.id,
    box: h('input', { type: 'checkbox', id: `variant-f-offer-${r.id}`, checked: chosen.has(r.id) }),
    label: t('var.offerLine', { name: r.name, kind: t(`offers.kind.${r.kind}`), units: fmt.number(r.units) }),
  }));
  const errorBox = h('p', { class: 'alert alert-error', id: 'variant-error', role: 'alert', hidden: true });
  const field = (label, input) => h('label', { class: 'field field-wide' }, h('span', {}, label), input);
  const res = await ctx.ui.modal({
    title: t(variant ? 'var.editTitle' : 'var.newTitle'),
    id: 'variant-editor',
    initialFocus: '#variant-f-name',
    body: h('div', {}, errorBox,
      h('div', { class: 'form-grid' }, field(t('var.name'), name), field(t('var.note'), note)),
      h('fieldset', { class: 'form-section variant-offers', id: 'variant-f-offers' }, h('legend', {}, t('var.offers')),
        boxes.map((b) => h('label', { class: 'check', for: b.box.id }, b.box, h('span', {}, b.label))))),
    buttons: [
      ...(variant ? [{ label: t('var.delete'), kind: 'danger-quiet', value: 'delete', align: 'start', id: 'variant-delete' }] : []),
      { label: t('offers.cancel'), kind: 'secondary', value: undefined },
      { label: t('offers.save'), kind: 'primary', submit: true, value: 'saved', id: 'variant-save' },
    ],
    onSubmit: async () => {
      // The offers in the order they are listed; the core checks everything else.
      const v = { name: name.value, note: note.value, offers: boxes.filter((b) => b.box.checked).map((b) => b.id) };
      if (variant) v.id = variant.id;
      try {
        const res = await ctx.api.invoke('offers_save_variant', { variant: v });
        ctx.ui.toast(t('var.saved', { name: v.name.trim() }));
        load(res);
        return true;
      } catch (e) {
        errorBox.textContent = e.message;
        errorBox.hidden = false;
        return false;
      }
    },
  });
  if (res === 'delete') await remove(ctx, variant, load);
}

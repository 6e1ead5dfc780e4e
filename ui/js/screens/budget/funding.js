// Förderprogramme of a budget scenario: the list in allocation order (rules in one sentence,
// what each pays in the plan) and a dialog to add or change one with every field the core's
// FundingSource has. The core validates and answers in German; its message stays next to the
// form. After a save or delete the plan is recomputed (budget_save_funding / _delete_funding).

import { h } from '../../dom.js';
import { registerStrings, t } from '../../i18n.js';

registerStrings({
  de: {
    'bf.title': 'Förderprogramme',
    'bf.hint': 'Die Programme werden in der Reihenfolge ihrer Nummer zugeteilt; was keines deckt, trägt der kommunale Haushalt. Förderung, Eigenanteil und verfallene Mittel: Summen über die Planjahre {from}–{to}.',
    'bf.empty': 'Noch keine Förderprogramme in diesem Szenario: alle Kosten trägt der kommunale Haushalt.',
    'bf.add': 'Förderprogramm hinzufügen',
    'bf.edit': 'Bearbeiten',
    'bf.delete': 'Löschen',
    'bf.col.order': 'Nr.',
    'bf.col.name': 'Programm',
    'bf.col.rules': 'Regeln',
    'bf.col.funded': 'Förderung',
    'bf.col.cofunded': 'Eigenanteil',
    'bf.col.lapsed': 'Verfallen',
    'bf.col.lapsedTitle': 'Mittel des Programms, die ungenutzt verfallen (am Jahresende ohne Übertragung, nach dem letzten Jahr der Laufzeit immer)',
    'bf.addTitle': 'Förderprogramm hinzufügen',
    'bf.editTitle': 'Förderprogramm bearbeiten',
    'bf.sec.programme': 'Programm',
    'bf.sec.eligible': 'Förderfähig',
    'bf.sec.caps': 'Obergrenzen je Schule über die ganze Laufzeit (leer = keine)',
    'bf.name': 'Name',
    'bf.order': 'Reihenfolge (Nr.)',
    'bf.amount': 'Betrag (€)',
    'bf.mode': 'Betrag gilt',
    'bf.mode.per_year': 'je Jahr',
    'bf.mode.total': 'gesamt für die Laufzeit (Rest wird übertragen)',
    'bf.carryOver': 'nicht verbrauchte Mittel eines Jahres in spätere Jahre der Laufzeit übertragen (Restmittel); sonst verfallen sie am Jahresende',
    'bf.start': 'Erstes Jahr',
    'bf.end': 'Letztes Jahr',
    'bf.investOnly': 'nur Investitionen',
    'bf.withRunning': 'Investitionen und laufende Kosten',
    'bf.cofunding': 'Eigenanteil des Schulträgers (%)',
    'bf.allCats': 'alle Kategorien',
    'bf.someCats': 'nur diese Kategorien:',
    'bf.mobileMark': 'mobil',
    'bf.schoolCap': 'Schulbudget (€)',
    'bf.perPupilCap': 'Schulbudget je Schüler/in (€)',
    'bf.mobilePct': 'Mobile Endgeräte (%)',
    'bf.mobileCents': 'Mobile Endgeräte (€)',
    'bf.capsHint': 'Sind beide Schulbudgets angegeben, gilt das kleinere (je Schüler/in: Schülerzahl des Basisjahres). Mobile Endgeräte ({list}): höchstens der Prozentsatz des Schulbudgets und der Betrag, das kleinere gilt.',
    'bf.note': 'Hinweis / Quelle',
    'bf.save': 'Speichern',
    'bf.cancel': 'Abbrechen',
    'bf.saved': 'Förderprogramm „{name}“ gespeichert – Plan neu berechnet.',
    'bf.deleted': 'Förderprogramm „{name}“ gelöscht – Plan neu berechnet.',
    'bf.deleteQ': 'Förderprogramm „{name}“ löschen? Der Plan wird ohne dieses Programm neu berechnet.',
    'bf.notEur': '{field}: „{text}“ ist kein Euro-Betrag (z. B. 25.000,00).',
    'bf.notYear': '{field}: „{text}“ ist keine Jahreszahl (z. B. 2027).',
    'bf.notNumber': '{field}: „{text}“ ist keine Zahl (z. B. 10 oder 12,5).',
    'bf.needAmount': 'Betrag: bitte einen Betrag eingeben (z. B. 1.500.000,00).',
    'bf.needCats': 'Förderfähige Kategorien: bitte mindestens eine Kategorie wählen oder „alle Kategorien“.',
    'bf.none': 'keine',
  },
  en: {
    'bf.title': 'Funding programmes',
    'bf.hint': 'Programmes are allocated in the order of their number; what none covers falls to the municipal budget. Funding, co-funding and lapsed money: sums over the plan years {from}–{to}.',
    'bf.empty': 'No funding programmes in this scenario yet: the municipal budget carries all costs.',
    'bf.add': 'Add funding programme',
    'bf.edit': 'Edit',
    'bf.delete': 'Delete',
    'bf.col.order': 'No.',
    'bf.col.name': 'Programme',
    'bf.col.rules': 'Rules',
    'bf.col.funded': 'Funding',
    'bf.col.cofunded': 'Co-funding',
    'bf.col.lapsed': 'Lapsed',
    'bf.col.lapsedTitle': 'Money of the programme that lapses unused (at the end of a year without carry-over, always after the last year of the period)',
    'bf.addTitle': 'Add funding programme',
    'bf.editTitle': 'Edit funding programme',
    'bf.sec.programme': 'Programme',
    'bf.sec.eligible': 'Eligible',
    'bf.sec.caps': 'Caps per school over the whole period (empty = none)',
    'bf.name': 'Name',
    'bf.order': 'Order (no.)',
    'bf.amount': 'Amount (€)',
    'bf.mode': 'Amount applies',
    'bf.mode.per_year': 'per year',
    'bf.mode.total': 'in total over the period (unused money carries over)',
    'bf.carryOver': 'carry money a year does not use over to later years of the period; otherwise it lapses at the end of the year',
    'bf.start': 'First year',
    'bf.end': 'Last year',
    'bf.investOnly': 'investment only',
    'bf.withRunning': 'investment and running costs',
    'bf.cofunding': 'Co-funding by the school authority (%)',
    'bf.allCats': 'all categories',
    'bf.someCats': 'only these categories:',
    'bf.mobileMark': 'mobile',
    'bf.schoolCap': 'School budget (€)',
    'bf.perPupilCap': 'School budget per pupil (€)',
    'bf.mobilePct': 'Mobile devices (%)',
    'bf.mobileCents': 'Mobile devices (€)',
    'bf.capsHint': 'With both school budgets given, the lower applies (per pupil: pupils of the base year). Mobile devices ({list}): at most the percentage of the school budget and the amount, the lower applies.',
    'bf.note': 'Note / source',
    'bf.save': 'Save',
    'bf.cancel': 'Cancel',
    'bf.saved': 'Funding programme “{name}” saved – plan recomputed.',
    'bf.deleted': 'Funding programme “{name}” deleted – plan recomputed.',
    'bf.deleteQ': 'Delete funding programme “{name}”? The plan is recomputed without it.',
    'bf.notEur': '{field}: “{text}” is not an amount in euros (e.g. 25.000,00).',
    'bf.notYear': '{field}: “{text}” is not a year (e.g. 2027).',
    'bf.notNumber': '{field}: “{text}” is not a number (e.g. 10 or 12,5).',
    'bf.needAmount': 'Amount: please enter an amount (e.g. 1.500.000,00).',
    'bf.needCats': 'Eligible categories: please choose at least one category or “all categories”.',
    'bf.none': 'none',
  },
});

/** Money field text of cents ("1.234,56"); empty for null. */
function eurText(fmt, cents) {
  return cents === null || cents === undefined ? '' : fmt.number(cents / 100, 2);
}

/** Reads the form; returns {source} or {error, inputs} (German, naming the field). */
function readForm(f, base, fmt) {
  const text = (inp) => inp.value.trim();
  const label = (k) => t(`bf.${k}`);
  const money = (inp, k, required) => {
    const s = text(inp);
    if (s === '') return required ? { error: t('bf.needAmount'), input: inp } : { value: null };
    const c = fmt.parseEurToCents(s);
    return Number.isFinite(c) ? { value: c } : { error: t('bf.notEur', { field: label(k), text: s }), input: inp };
  };
  const year = (inp, k) => {
    const s = text(inp);
    const y = fmt.parseInteger(s.replace(/\./g, ''));
    return Number.isInteger(y) ? { value: y } : { error: t('bf.notYear', { field: label(k), text: s }), input: inp };
  };
  const pct = (inp, k, empty) => {
    const s = text(inp);
    if (s === '') return { value: empty };
    const n = fmt.parseNumber(s);
    return Number.isFinite(n) ? { value: n } : { error: t('bf.notNumber', { field: label(k), text: s }), input: inp };
  };
  const order = fmt.parseInteger(text(f.order));
  const parts = {
    order: Number.isInteger(order) ? { value: order } : { error: t('bf.notNumber', { field: label('order'), text: text(f.order) }), input: f.order },
    amount_cents: money(f.amount, 'amount', true),
    start_year: year(f.start, 'start'),
    end_year: year(f.end, 'end'),
    cofunding_pct: pct(f.cofunding, 'cofunding', 0),
    school_cap_cents: money(f.schoolCap, 'schoolCap', false),
    school_cap_per_pupil_cents: money(f.perPupilCap, 'perPupilCap', false),
    mobile_max_pct: pct(f.mobilePct, 'mobilePct', null),
    mobile_max_cents: money(f.mobileCents, 'mobileCents', false),
  };
  const bad = Object.values(parts).find((p) => p.error);
  if (bad) return { error: bad.error, inputs: [bad.input] };
  const categories = f.allCats.checked ? [] : f.cats.filter((c) => c.box.checked).map((c) => c.key);
  if (!f.allCats.checked && categories.length === 0) return { error: t('bf.needCats'), inputs: [] };
  const source = {
    id: base.id,
    name: text(f.name),
    mode: f.mode.value,
    categories,
    pays_running: f.running.checked,
    carry_over: f.mode.value === 'per_year' && f.carryOver.checked,
    note: text(f.note),
  };
  for (const [k, p] of Object.entries(parts)) source[k] = p.value;
  return { source };
}

function dialogInputs(f) {
  return [f.name, f.order, f.amount, f.start, f.end, f.cofunding, f.schoolCap, f.perPupilCap, f.mobilePct, f.mobileCents];
}

/** The inputs a core message names („Förderquelle „X“: Laufzeit“: …). */
function coreFieldInputs(f, msg) {
  const fields = [
    ['Name', [f.name]], ['Betrag', [f.amount]], ['Laufzeit', [f.start, f.end]],
    ['Eigenanteil', [f.cofunding]], ['Anteil mobiler Endgeräte', [f.mobilePct]],
    ['Obergrenze', [f.schoolCap, f.perPupilCap, f.mobileCents]],
  ];
  const hit = fields.find(([k]) => msg.includes(`: ${k}“`));
  return hit ? hit[1] : [];
}

async function editFunding(ctx, s, row, save) {
  const { fmt } = ctx;
  const isNew = !row;
  const maxOrder = s.funding.reduce((m, x) => Math.max(m, x.order), 0);
  const x = row || {
    id: 0, name: '', order: maxOrder + 1, mode: 'per_year', amount_cents: null,
    start_year: s.view.from_year, end_year: s.view.to_year, categories: [], pays_running: false,
    cofunding_pct: 0, school_cap_cents: null, school_cap_per_pupil_cents: null,
    mobile_max_pct: null, mobile_max_cents: null, note: '', carry_over: false,
  };
  const input = (id, value, size, cls = 'input input-num') => h('input', { id: `bf-${id}`, class: cls, value, size, autocomplete: 'off' });
  const f = {
    name: input('name', x.name, 40, 'input'),
    order: input('order', String(x.order), 4),
    amount: input('amount', eurText(fmt, x.amount_cents), 16),
    mode: h('select', { id: 'bf-mode', class: 'input' },
      ['per_year', 'total'].map((m) => h('option', { value: m, selected: m === x.mode }, t(`bf.mode.${m}`)))),
    carryOver: h('input', { type: 'checkbox', id: 'bf-carry-over', checked: !!x.carry_over }),
    start: input('start', String(x.start_year), 6),
    end: input('end', String(x.end_year), 6),
    invest: h('input', { type: 'radio', name: 'bf-running', id: 'bf-invest-only', checked: !x.pays_running }),
    running: h('input', { type: 'radio', name: 'bf-running', id: 'bf-with-running', checked: x.pays_running }),
    cofunding: input('cofunding', fmt.number(x.cofunding_pct, 1).replace(/,0$/, ''), 6),
    allCats: h('input', { type: 'radio', name: 'bf-cats', id: 'bf-all-cats', checked: x.categories.length === 0 }),
    someCats: h('input', { type: 'radio', name: 'bf-cats', id: 'bf-some-cats', checked: x.categories.length > 0 }),
    cats: s.catalogue.map((c) => ({
      key: c.key,
      mobile: c.is_mobile,
      label: c.label,
      box: h('input', { type: 'checkbox', id: `bf-cat-${c.key}`, checked: x.categories.includes(c.key) }),
    })),
    schoolCap: input('school-cap', eurText(fmt, x.school_cap_cents), 12),
    perPupilCap: input('per-pupil-cap', eurText(fmt, x.school_cap_per_pupil_cents), 10),
    mobilePct: input('mobile-pct', x.mobile_max_pct === null ? '' : fmt.number(x.mobile_max_pct, 1).replace(/,0$/, ''), 6),
    mobileCents: input('mobile-cents', eurText(fmt, x.mobile_max_cents), 12),
    note: input('note', x.note, 60, 'input'),
  };
  const syncCats = () => f.cats.forEach((c) => { c.box.disabled = f.allCats.checked; });
  // A total always carries over; the choice is only for yearly amounts (kept while a total is
  // chosen, restored when switching back).
  let yearlyCarry = !!x.carry_over;
  const syncCarry = () => {
    const total = f.mode.value === 'total';
    if (total && !f.carryOver.disabled) yearlyCarry = f.carryOver.checked;
    f.carryOver.checked = total || yearlyCarry;
    f.carryOver.disabled = total;
  };
  f.mode.addEventListener('change', syncCarry);
  syncCarry();
  f.allCats.addEventListener('change', syncCats);
  f.someCats.addEventListener('change', syncCats);
  syncCats();
  const error = h('p', { class: 'alert alert-error', id: 'bf-error', role: 'alert', hidden: true });
  const field = (key, el, cls = '') => h('label', { class: `field ${cls}` }, h('span', { class: 'label' }, t(`bf.${key}`)), el);
  const mobileList = s.catalogue.filter((c) => c.is_mobile).map((c) => c.label).join(', ') || t('bf.none');
  let savedName = '';
  const res = await ctx.ui.modal({
    title: t(isNew ? 'bf.addTitle' : 'bf.editTitle'),
    id: 'bf-dialog',
    size: 'wide',
    initialFocus: '#bf-name',
    body: h('div', { class: 'bf-form' }, error,
      h('fieldset', { class: 'form-section' }, h('legend', {}, t('bf.sec.programme')),
        h('div', { class: 'bf-grid bf-grid-5' },
          field('name', f.name, 'bf-span-4'), field('order', f.order),
          field('amount', f.amount), field('mode', f.mode, 'bf-span-2'), field('start', f.start), field('end', f.end)),
        h('div', { class: 'bf-row' }, h('label', { class: 'check' }, f.carryOver, t('bf.carryOver')))),
      h('fieldset', { class: 'form-section' }, h('legend', {}, t('bf.sec.eligible')),
        h('div', { class: 'bf-row' },
          h('label', { class: 'check' }, f.invest, t('bf.investOnly')),
          h('label', { class: 'check' }, f.running, t('bf.withRunning')),
          field('cofunding', f.cofunding, 'bf-inline')),
        h('div', { class: 'bf-row' },
          h('label', { class: 'check' }, f.allCats, t('bf.allCats')),
          h('label', { class: 'check' }, f.someCats, t('bf.someCats'))),
        h('div', { class: 'bf-cats', id: 'bf-cats' }, f.cats.map((c) => h('label', { class: 'check' }, c.box, c.label,
          c.mobile ? h('span', { class: 'badge' }, t('bf.mobileMark')) : null)))),
      h('fieldset', { class: 'form-section' }, h('legend', {}, t('bf.sec.caps')),
        h('div', { class: 'bf-grid' },
          field('schoolCap', f.schoolCap), field('perPupilCap', f.perPupilCap),
          field('mobilePct', f.mobilePct), field('mobileCents', f.mobileCents)),
        h('p', { class: 'field-hint' }, t('bf.capsHint', { list: mobileList }))),
      h('div', { class: 'bf-note' }, field('note', f.note))),
    buttons: [
      { label: t('bf.cancel'), kind: 'secondary', value: undefined },
      { label: t('bf.save'), kind: 'primary', submit: true, value: 'saved', id: 'bf-save' },
    ],
    onSubmit: async () => {
      const all = dialogInputs(f);
      all.forEach((i) => i.removeAttribute('aria-invalid'));
      const show = (msg, inputs) => {
        error.textContent = msg;
        error.hidden = false;
        inputs.forEach((i) => i.setAttribute('aria-invalid', 'true'));
        error.scrollIntoView({ block: 'nearest' });
        return false;
      };
      const r = readForm(f, x, fmt);
      if (r.error) return show(r.error, r.inputs);
      try {
        await save(r.source);
        savedName = r.source.name;
        return true;
      } catch (e) {
        const msg = e.message || String(e);
        return show(msg, coreFieldInputs(f, msg));
      }
    },
  });
  if (res === 'saved') ctx.ui.toast(t('bf.saved', { name: savedName }));
}

/**
 * The card. `s` is the budget screen; `run(cmd, args)` calls a budget_* command that returns
 * the recomputed screen, redraws with it and rejects with the core's error.
 */
export function fundingCard(s, ctx, run) {
  const { fmt } = ctx;
  const save = (source) => run('budget_save_funding', { source });
  const add = h('button', { id: 'bf-add', class: 'btn btn-secondary', type: 'button' }, t('bf.add'));
  add.addEventListener('click', () => editFunding(ctx, s, null, save));
  const rows = s.funding.map((x) => {
    const edit = h('button', { class: 'btn btn-secondary btn-small', type: 'button', id: `bf-edit-${x.id}` }, t('bf.edit'));
    edit.addEventListener('click', () => editFunding(ctx, s, x, save));
    const del = h('button', { class: 'btn btn-danger-quiet btn-small', type: 'button', id: `bf-delete-${x.id}` }, t('bf.delete'));
    del.addEventListener('click', async () => {
      if (!await ctx.ui.confirm(t('bf.deleteQ', { name: x.name }), { danger: true, confirmLabel: t('bf.delete') })) return;
      try {
        await run('budget_delete_funding', { id: x.id });
        ctx.ui.toast(t('bf.deleted', { name: x.name }));
      } catch (e) {
        ctx.ui.showError(e);
      }
    });
    return h('tr', { dataset: { fundingId: String(x.id) } },
      h('td', { class: 'num' }, String(x.order)),
      h('td', { class: 'bf-name' }, x.name),
      h('td', { class: 'bf-rules muted' }, x.text, x.note ? h('div', { class: 'bf-note-text' }, x.note) : null),
      h('td', { class: 'num' }, fmt.eur(x.funded_cents)),
      h('td', { class: 'num' }, fmt.eur(x.cofunding_cents)),
      h('td', { class: 'num bf-lapsed' }, fmt.eur(x.lapsed_cents)),
      h('td', { class: 'bf-actions' }, edit, ' ', del));
  });
  return h('section', { class: 'card', id: 'budget-funding' },
    h('div', { class: 'card-head' }, h('h2', {}, t('bf.title')), add),
    h('p', { class: 'section-hint' }, t('bf.hint', { from: s.view.from_year, to: s.view.to_year })),
    rows.length === 0 ? h('p', { class: 'muted', id: 'bf-empty' }, t('bf.empty')) :
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'bf-table' },
        h('thead', {}, h('tr', {},
          h('th', { class: 'num' }, t('bf.col.order')), h('th', {}, t('bf.col.name')), h('th', {}, t('bf.col.rules')),
          h('th', { class: 'num' }, t('bf.col.funded')), h('th', { class: 'num' }, t('bf.col.cofunded')),
          h('th', { class: 'num', title: t('bf.col.lapsedTitle') }, t('bf.col.lapsed')), h('th', {}))),
        h('tbody', {}, rows))));
}

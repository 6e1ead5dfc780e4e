// The offer form: one form for all four kinds; the fields of the chosen kind are shown.
// Money is typed in euros (German format) and sent as integer cents; the backend reads the
// offer like a template entry and answers with a German message naming the field.

import { h } from '../../dom.js';

const KINDS = ['purchase', 'lease', 'rental', 'support'];
const PERIODS = ['monthly', 'quarterly', 'yearly'];
const TIMINGS = ['advance', 'arrears'];
const MODELS = ['per_device_month', 'per_school_year', 'hour_contingent', 'per_ticket'];
const CONNECTIONS = ['', 'central', 'multi_tier', 'mixed'];

export const formStrings = {
  de: {
    'of.kind': 'Art', 'of.kind.purchase': 'Kauf', 'of.kind.lease': 'Leasing', 'of.kind.rental': 'Miete / Gerät als Service', 'of.kind.support': 'Supportvertrag',
    'of.id': 'Kurzname (ID)', 'of.name': 'Bezeichnung', 'of.vendor': 'Anbieter', 'of.units': 'Anzahl Geräte',
    'of.escalation': 'Preissteigerung (% p.a.)', 'of.group': 'Vergleichsgruppe (optional)', 'of.notes': 'Notizen',
    'of.unitPrice': 'Kaufpreis je Gerät (€)', 'of.life': 'Nutzungsdauer (Jahre)', 'of.residual': 'Restwert je Gerät (€)',
    'of.maintenance': 'Wartung je Gerät und Jahr (€)', 'of.warranty': 'Gewährleistung/Garantie (Jahre; in diesen Jahren keine Wartung)',
    'of.rate': 'Rate je Gerät und Periode (€)', 'of.period': 'Zahlungsperiode', 'of.timing': 'Zahlung',
    'of.term': 'Laufzeit (Monate)', 'of.down': 'Anzahlung je Gerät (€)', 'of.buyout': 'Kaufoption am Ende je Gerät (€, 0 = Rückgabe)',
    'of.services': 'Enthaltene Leistungen',
    'of.model': 'Preismodell', 'of.price': 'Preis (€) je Einheit des Preismodells', 'of.schoolCount': 'Anzahl Schulen (Pauschale)',
    'of.hours': 'Stunden je Jahr (Kontingent)', 'of.tickets': 'Erwartete Tickets je Jahr', 'of.serviceHours': 'Servicezeit',
    'of.onSite': 'Vor-Ort-Tage je Monat', 'of.connection': 'Anbindung der Schulen (NRW-Leitfaden)', 'of.schools': 'Abgedeckte Schulen (Schulnummern, durch Komma getrennt)',
    'of.sla': 'SLA-Ziele (Stunden in der Servicezeit)', 'of.prio': 'Priorität', 'of.fr': 'Erstreaktion', 'of.res': 'Lösung',
    'of.period.monthly': 'monatlich', 'of.period.quarterly': 'vierteljährlich', 'of.period.yearly': 'jährlich',
    'of.timing.advance': 'vorschüssig (zu Beginn der Periode)', 'of.timing.arrears': 'nachschüssig (am Ende der Periode)',
    'of.model.per_device_month': 'je Gerät und Monat', 'of.model.per_school_year': 'Pauschale je Schule und Jahr',
    'of.model.hour_contingent': 'Stundenkontingent (Preis je Stunde)', 'of.model.per_ticket': 'je Ticket',
    'of.connection.': '– keine Angabe –', 'of.connection.central': 'zentral (kommunaler IT-Service)',
    'of.connection.multi_tier': 'mehrstufig (feste Ansprechperson in der Schule)', 'of.connection.mixed': 'Mischform',
    'of.common': 'Angebot', 'of.terms': 'Konditionen', 'of.bad': 'Bitte eine gültige Zahl eingeben: {field}',
  },
  en: {
    'of.kind': 'Kind', 'of.kind.purchase': 'Purchase', 'of.kind.lease': 'Lease', 'of.kind.rental': 'Rental / device as a service', 'of.kind.support': 'Support contract',
    'of.id': 'Short name (ID)', 'of.name': 'Name', 'of.vendor': 'Vendor', 'of.units': 'Devices',
    'of.escalation': 'Price escalation (% p.a.)', 'of.group': 'Comparison group (optional)', 'of.notes': 'Notes',
    'of.unitPrice': 'Price per device (€)', 'of.life': 'Useful life (years)', 'of.residual': 'Residual value per device (€)',
    'of.maintenance': 'Maintenance per device and year (€)', 'of.warranty': 'Warranty (years; no maintenance in these years)',
    'of.rate': 'Rate per device and period (€)', 'of.period': 'Payment period', 'of.timing': 'Payment',
    'of.term': 'Term (months)', 'of.down': 'Down payment per device (€)', 'of.buyout': 'Buy-out at the end per device (€, 0 = return)',
    'of.services': 'Services included',
    'of.model': 'Price model', 'of.price': 'Price (€) per unit of the price model', 'of.schoolCount': 'Number of schools (flat rate)',
    'of.hours': 'Hours per year (contingent)', 'of.tickets': 'Expected tickets per year', 'of.serviceHours': 'Service hours',
    'of.onSite': 'On-site days per month', 'of.connection': 'How schools are connected (NRW guideline)', 'of.schools': 'Schools covered (Schulnummern, separated by commas)',
    'of.sla': 'SLA targets (hours within the service hours)', 'of.prio': 'Priority', 'of.fr': 'First response', 'of.res': 'Resolution',
    'of.period.monthly': 'monthly', 'of.period.quarterly': 'quarterly', 'of.period.yearly': 'yearly',
    'of.timing.advance': 'in advance (start of the period)', 'of.timing.arrears': 'in arrears (end of the period)',
    'of.model.per_device_month': 'per device and month', 'of.model.per_school_year': 'flat rate per school and year',
    'of.model.hour_contingent': 'hour contingent (price per hour)', 'of.model.per_ticket': 'per ticket',
    'of.connection.': '– not specified –', 'of.connection.central': 'central (municipal IT service)',
    'of.connection.multi_tier': 'multi-tier (fixed contact person in the school)', 'of.connection.mixed': 'mixed',
    'of.common': 'Offer', 'of.terms': 'Terms', 'of.bad': 'Please enter a valid number: {field}',
  },
};

/** Builds the form for `offer` (template JSON, or null for a new one). Returns {el, collect}. */
export function offerForm(ctx, offer) {
  const { t, fmt } = ctx;
  const o = offer || { kind: 'purchase', units: 1, escalation_pct: 0 };
  const money = (c) => (c === null || c === undefined ? '' : fmt.number(c / 100, 2));
  const num = (x) => (x === null || x === undefined ? '' : String(x).replace('.', ','));
  const inputs = {};
  const field = (key, label, value, attrs = {}) => {
    const id = `offer-f-${key}`;
    const input = attrs.options
      ? h('select', { id, class: 'input' }, attrs.options.map((v) => h('option', { value: v }, t(`${attrs.prefix}${v}`))))
      : h('input', { id, class: `input${attrs.numeric ? ' input-num' : ''}`, value: value ?? '', inputmode: attrs.numeric ? 'decimal' : null, autocomplete: 'off' });
    if (attrs.options) input.value = value ?? attrs.options[0];
    inputs[key] = input;
    return h('label', { class: `field${attrs.wide ? ' field-wide' : ''}`, for: id }, h('span', {}, label), input);
  };
  const common = h('fieldset', { class: 'form-section' }, h('legend', {}, t('of.common')),
    h('div', { class: 'form-grid' },
      field('kind', t('of.kind'), o.kind, { options: KINDS, prefix: 'of.kind.' }),
      field('id', t('of.id'), o.id),
      field('name', t('of.name'), o.name),
      field('vendor', t('of.vendor'), o.vendor),
      field('units', t('of.units'), o.units, { numeric: true }),
      field('escalation_pct', t('of.escalation'), num(o.escalation_pct ?? 0), { numeric: true }),
      field('group', t('of.group'), o.group),
      field('notes', t('of.notes'), o.notes)));
  const purchase = h('div', { class: 'form-grid', dataset: { kind: 'purchase' } },
    field('unit_price_cents', t('of.unitPrice'), money(o.unit_price_cents), { numeric: true }),
    field('useful_life_years', t('of.life'), o.useful_life_years, { numeric: true }),
    field('residual_value_cents', t('of.residual'), money(o.residual_value_cents ?? 0), { numeric: true }),
    field('maintenance_cents_per_unit_year', t('of.maintenance'), money(o.maintenance_cents_per_unit_year ?? 0), { numeric: true }),
    field('warranty_years', t('of.warranty'), o.warranty_years ?? 0, { numeric: true }));
  const rental = h('div', { class: 'form-grid', dataset: { kind: 'lease rental' } },
    field('rate_cents', t('of.rate'), money(o.rate_cents), { numeric: true }),
    field('period', t('of.period'), o.period, { options: PERIODS, prefix: 'of.period.' }),
    field('timing', t('of.timing'), o.timing, { options: TIMINGS, prefix: 'of.timing.' }),
    field('term_months', t('of.term'), o.term_months, { numeric: true }),
    field('down_payment_cents', t('of.down'), money(o.down_payment_cents ?? 0), { numeric: true }),
    field('buyout_cents', t('of.buyout'), money(o.buyout_cents ?? 0), { numeric: true }),
    field('services', t('of.services'), o.services, { wide: true }));
  const sla = o.sla || { first_response_h: {}, resolution_h: {} };
  const slaRows = [1, 2, 3, 4].map((p) => {
    const fr = h('input', { id: `offer-f-fr${p}`, class: 'input input-num', value: num(sla.first_response_h?.[p]), inputmode: 'decimal', 'aria-label': `${t('of.fr')} P${p}` });
    const rs = h('input', { id: `offer-f-rs${p}`, class: 'input input-num', value: num(sla.resolution_h?.[p]), inputmode: 'decimal', 'aria-label': `${t('of.res')} P${p}` });
    inputs[`fr${p}`] = fr;
    inputs[`rs${p}`] = rs;
    return h('tr', {}, h('th', { scope: 'row' }, `P${p}`), h('td', {}, fr), h('td', {}, rs));
  });
  const support = h('div', { dataset: { kind: 'support' } },
    h('div', { class: 'form-grid' },
      field('model', t('of.model'), o.model, { options: MODELS, prefix: 'of.model.' }),
      field('price_cents', t('of.price'), money(o.price_cents), { numeric: true }),
      field('school_count', t('of.schoolCount'), o.school_count, { numeric: true }),
      field('hours_per_year', t('of.hours'), num(o.hours_per_year), { numeric: true }),
      field('tickets_per_year', t('of.tickets'), num(o.tickets_per_year), { numeric: true }),
      field('on_site_days_per_month', t('of.onSite'), num(o.on_site_days_per_month), { numeric: true }),
      field('service_hours', t('of.serviceHours'), o.service_hours),
      field('connection', t('of.connection'), o.connection ?? '', { options: CONNECTIONS, prefix: 'of.connection.' }),
      field('schools', t('of.schools'), (o.schools || []).join(', '), { wide: true })),
    h('p', { class: 'muted' }, t('of.sla')),
    h('table', { class: 'data-table sla-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('of.prio')), h('th', { class: 'num' }, t('of.fr')), h('th', { class: 'num' }, t('of.res')))),
      h('tbody', {}, slaRows)));
  const terms = h('fieldset', { class: 'form-section form-section-full' }, h('legend', {}, t('of.terms')), purchase, rental, support);
  const show = () => {
    const k = inputs.kind.value;
    for (const part of [purchase, rental, support]) part.hidden = !part.dataset.kind.split(' ').includes(k);
  };
  inputs.kind.addEventListener('change', show);
  show();

  /** The offer as template JSON, or throws a German message for a malformed number. */
  function collect() {
    const kind = inputs.kind.value;
    const text = (k) => inputs[k].value.trim();
    const bad = (k) => { throw new Error(t('of.bad', { field: k })); };
    const cents = (k) => { const v = fmt.parseEurToCents(text(k)); if (Number.isNaN(v)) bad(k); return v; };
    const int = (k) => { const v = fmt.parseInteger(text(k)); if (Number.isNaN(v)) bad(k); return v; };
    const dec = (k) => { const v = fmt.parseNumber(text(k)); if (Number.isNaN(v)) bad(k); return v; };
    const out = { id: text('id'), kind, units: int('units'), escalation_pct: dec('escalation_pct') ?? 0 };
    for (const k of ['name', 'vendor', 'group', 'notes']) if (text(k)) out[k] = text(k);
    const set = (k, v) => { if (v !== null && v !== undefined && v !== '') out[k] = v; };
    if (kind === 'purchase') {
      set('unit_price_cents', cents('unit_price_cents'));
      set('useful_life_years', int('useful_life_years'));
      set('residual_value_cents', cents('residual_value_cents'));
      set('maintenance_cents_per_unit_year', cents('maintenance_cents_per_unit_year'));
      set('warranty_years', int('warranty_years'));
    } else if (kind === 'lease' || kind === 'rental') {
      set('rate_cents', cents('rate_cents'));
      out.period = inputs.period.value;
      out.timing = inputs.timing.value;
      set('term_months', int('term_months'));
      set('down_payment_cents', cents('down_payment_cents'));
      set('buyout_cents', cents('buyout_cents'));
      set('services', text('services'));
    } else {
      out.model = inputs.model.value;
      set('price_cents', cents('price_cents'));
      set('school_count', int('school_count'));
      set('hours_per_year', dec('hours_per_year'));
      set('tickets_per_year', dec('tickets_per_year'));
      set('on_site_days_per_month', dec('on_site_days_per_month'));
      set('service_hours', text('service_hours'));
      if (inputs.connection.value) out.connection = inputs.connection.value;
      const schools = text('schools').split(/[,;\s]+/).filter(Boolean);
      if (schools.length) out.schools = schools;
      const fr = {}; const rs = {};
      for (const p of [1, 2, 3, 4]) {
        const a = dec(`fr${p}`); if (a !== null) fr[p] = a;
        const b = dec(`rs${p}`); if (b !== null) rs[p] = b;
      }
      if (Object.keys(fr).length || Object.keys(rs).length) out.sla = { first_response_h: fr, resolution_h: rs };
    }
    return out;
  }

  return { el: h('div', { class: 'offer-form' }, common, terms), collect };
}

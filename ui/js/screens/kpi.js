// Support-Kennzahlen: filters (period, clock, priority, contract), district figures, ranking of
// the schools, KPI table per school with n and small-n flags, trend, percentile band, heatmap,
// tickets per 100 devices vs. device age, definitions, contract targets. All figures come from
// the core (`kpi_screen`); this file only shows them.

import { h, mount } from '../dom.js';
import { dateInput } from '../dateinput.js';
import { language } from '../i18n.js';

const strings = {
  de: {
    'kpi.title': 'Support-Kennzahlen',
    'kpi.sub': 'Reaktions- und Lösungszeiten je Schule, gemessen auf Schulzeit (Servicezeiten ohne Feiertage und Schulferien) oder Kalenderzeit.',
    'kpi.from': 'Von', 'kpi.to': 'Bis', 'kpi.clock': 'Uhr', 'kpi.business': 'Geschäftszeit (Schulzeit)',
    'kpi.calendar': 'Kalenderzeit', 'kpi.priority': 'Priorität', 'kpi.allPrio': 'alle', 'kpi.contract': 'Vertrag (Ziele)',
    'kpi.apply': 'Aktualisieren', 'kpi.import': 'Tickets importieren',
    'kpi.export': 'Als Excel exportieren …', 'kpi.exported': 'Kennzahlen gespeichert: {path}',
    'kpi.tickets': 'Tickets', 'kpi.ttfr': 'Erste Antwort (Median)', 'kpi.ttr': 'Lösung (Median)',
    'kpi.slaFr': 'SLA erste Antwort', 'kpi.slaRes': 'SLA Lösung', 'kpi.backlog': 'Rückstau am Stichtag',
    'kpi.school': 'Schule', 'kpi.p90': 'P90', 'kpi.per100dev': 'Je 100 Geräte', 'kpi.per100pup': 'Je 100 SuS',
    'kpi.small': 'kleine Fallzahl', 'kpi.ranking': 'Rangfolge der Schulen', 'kpi.table': 'Kennzahlen je Schule',
    'kpi.band': 'Verlauf: Median und mittlere 50 %', 'kpi.trend': 'Verlauf je Schule', 'kpi.heatmap': 'Tickets je Schule und Monat',
    'kpi.devices': 'Tickets je 100 Geräte und Gerätealter', 'kpi.definitions': 'Definitionen',
    'kpi.targets': 'Ziele des Vertrags (Geschäftsstunden)', 'kpi.targetFr': 'Erste Antwort', 'kpi.targetRes': 'Lösung',
    'kpi.saveTargets': 'Ziele speichern', 'kpi.saved': 'Ziele gespeichert.', 'kpi.calendarInfo': 'Servicezeiten',
    'kpi.window': 'Servicezeiten', 'kpi.calendarSettings': 'Kalender-Einstellungen',
    'kpi.windowAuto': 'passend zum Vertrag',
    'kpi.hours': '{v} h', 'kpi.noData': 'Noch keine Tickets. Über „Tickets importieren“ einen Export aus Zammad, GLPI, Znuny, Jira oder iTop einlesen.',
  },
  en: {
    'kpi.title': 'Support KPIs',
    'kpi.sub': 'Response and resolution times per school, measured on school time (service hours without public and school holidays) or calendar time.',
    'kpi.from': 'From', 'kpi.to': 'To', 'kpi.clock': 'Clock', 'kpi.business': 'Business time (school time)',
    'kpi.calendar': 'Calendar time', 'kpi.priority': 'Priority', 'kpi.allPrio': 'all', 'kpi.contract': 'Contract (targets)',
    'kpi.apply': 'Update', 'kpi.import': 'Import tickets',
    'kpi.export': 'Export to Excel …', 'kpi.exported': 'KPIs saved: {path}',
    'kpi.tickets': 'Tickets', 'kpi.ttfr': 'First response (median)', 'kpi.ttr': 'Resolution (median)',
    'kpi.slaFr': 'SLA first response', 'kpi.slaRes': 'SLA resolution', 'kpi.backlog': 'Backlog at cut-off',
    'kpi.school': 'School', 'kpi.p90': 'P90', 'kpi.per100dev': 'Per 100 devices', 'kpi.per100pup': 'Per 100 pupils',
    'kpi.small': 'small n', 'kpi.ranking': 'Ranking of schools', 'kpi.table': 'KPIs per school',
    'kpi.band': 'Trend: median and middle 50 %', 'kpi.trend': 'Trend per school', 'kpi.heatmap': 'Tickets per school and month',
    'kpi.devices': 'Tickets per 100 devices and device age', 'kpi.definitions': 'Definitions',
    'kpi.targets': 'Contract targets (business hours)', 'kpi.targetFr': 'First response', 'kpi.targetRes': 'Resolution',
    'kpi.saveTargets': 'Save targets', 'kpi.saved': 'Targets saved.', 'kpi.calendarInfo': 'Service hours',
    'kpi.window': 'Service hours', 'kpi.calendarSettings': 'Calendar settings',
    'kpi.windowAuto': 'matching the contract',
    'kpi.hours': '{v} h', 'kpi.noData': 'No tickets yet. Use “Import tickets” to read an export from Zammad, GLPI, Znuny, Jira or iTop.',
  },
};

// Survives re-rendering (language change, coming back to the screen).
const state = {
  view: 'kpi', // or 'calendar' (Kalender-Einstellungen)
  request: { from: null, to: null, clock: 'business', priority: null, contract: null, window: null, school: null },
};

function svgImage(svg, id, alt) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = h('img', { id, src: url, alt, class: 'kpi-chart', style: { maxWidth: '100%', height: 'auto' } });
  img.addEventListener('load', () => setTimeout(() => URL.revokeObjectURL(url), 1000));
  return img;
}

export default {
  id: 'kpi',
  icon: 'kpi',
  title: { de: 'Support-Kennzahlen', en: 'Support KPIs' },
  strings,
  async render(el, ctx) {
    if (state.view === 'calendar') {
      const mod = await import('./kpi_calendar.js');
      return mod.renderCalendarSettings(el, ctx, () => { state.view = 'kpi'; ctx.rerender(); }, state.request);
    }
    const r = await ctx.api.call('kpi_screen', { request: state.request, language: language() });
    if (!r.ok) return;
    draw(el, ctx, r.value);
  },
};

function draw(el, ctx, screen) {
  const { t, fmt } = ctx;
  const d = screen.dashboard;
  const res = d.result;
  // Texts the core words: German, or their English twins in `d.en`.
  const en = language() === 'en';
  const tx = en ? d.en : d;
  const hrs = (min) => (min == null ? '–' : t('kpi.hours', { v: fmt.number(min / 60, 1) }));
  const pct = (c) => {
    const n = c.met + c.breached;
    return n === 0 ? '–' : fmt.percent((c.met * 100) / n, 1);
  };

  const from = dateInput({ id: 'kpi-from', value: res.from, required: true, label: t('kpi.from') });
  const to = dateInput({ id: 'kpi-to', value: res.to, required: true, label: t('kpi.to') });
  // Empty = the contract's own service hours if there are any, else "Standard" (core rule).
  const windowSel = h('select', { id: 'kpi-window', class: 'input' },
    h('option', { value: '', selected: !d.request.window }, t('kpi.windowAuto')),
    ...screen.windows.map((w) => h('option', { value: w, selected: w === d.request.window }, w)));
  const clock = h('select', { id: 'kpi-clock', class: 'input' },
    h('option', { value: 'business', selected: d.request.clock === 'business' }, t('kpi.business')),
    h('option', { value: 'calendar', selected: d.request.clock === 'calendar' }, t('kpi.calendar')));
  const prio = h('select', { id: 'kpi-priority', class: 'input' },
    h('option', { value: '' }, t('kpi.allPrio')),
    ...[1, 2, 3, 4].map((p) => h('option', { value: String(p), selected: d.request.priority === p }, `P${p}`)));
  const contract = h('select', { id: 'kpi-contract', class: 'input' },
    ...screen.contracts.map((c) => h('option', { value: c, selected: c === d.contract }, c)));
  const apply = h('button', { id: 'kpi-apply', class: 'btn btn-primary', type: 'button' }, t('kpi.apply'));
  apply.addEventListener('click', () => {
    const f = from.value();
    const tv = to.value();
    if (f === undefined || tv === undefined) return;
    state.request = {
      ...state.request,
      from: f,
      to: tv,
      window: windowSel.value || null,
      clock: clock.value,
      priority: prio.value ? Number(prio.value) : null,
      contract: contract.value || null,
    };
    ctx.rerender();
  });
  const importBtn = h('button', { id: 'kpi-import', class: 'btn btn-secondary', type: 'button' }, t('kpi.import'));
  // The figures of the current filters as XLSX (district, schools, months, priorities, categories).
  const exportBtn = h('button', { id: 'kpi-export', class: 'btn btn-secondary', type: 'button' }, t('kpi.export'));
  exportBtn.addEventListener('click', async () => {
    const r = await ctx.api.call('kpi_export_xlsx', { request: state.request });
    if (r.ok && r.value) ctx.ui.toast(t('kpi.exported', { path: r.value }));
  });
  const calendarBtn = h('button', { id: 'kpi-calendar-settings', class: 'btn btn-secondary', type: 'button' }, t('kpi.calendarSettings'));
  calendarBtn.addEventListener('click', () => { state.view = 'calendar'; ctx.rerender(); });
  importBtn.addEventListener('click', async () => {
    try {
      const mod = await import('./tickets_import.js');
      await mod.openTicketImport(ctx, { onDone: () => ctx.rerender() });
    } catch (e) {
      ctx.ui.showError(e);
    }
  });

  const dist = res.district;
  const stats = h('div', { class: 'stats', id: 'kpi-stats' },
    ...[
      [t('kpi.tickets'), fmt.number(dist.tickets)],
      [t('kpi.ttfr'), [hrs(dist.ttfr.median), ' ', h('span', { class: 'stat-n' }, `(n = ${fmt.number(dist.ttfr.n)})`)]],
      [t('kpi.ttr'), [hrs(dist.ttr.median), ' ', h('span', { class: 'stat-n' }, `(n = ${fmt.number(dist.ttr.n)})`)]],
      [t('kpi.slaFr'), pct(dist.sla_first_response)],
      [t('kpi.slaRes'), pct(dist.sla_resolution)],
      [t('kpi.backlog'), fmt.number(dist.backlog_end)],
    ].map(([k, v]) => h('div', { class: 'stat' }, h('div', { class: 'muted' }, k), h('strong', {}, ...[v].flat()))));

  const rows = res.by_school.map((row, i) => {
    const tr = h('tr', { class: row.small_n ? 'kpi-small' : '' },
      h('td', {}, row.key ? (d.schools[i] ? d.schools[i].label : row.label) : (en ? d.en.unmatched_label : row.label),
        row.small_n ? h('span', { class: 'badge', title: t('kpi.small') }, ` ${t('kpi.small')}`) : ''),
      h('td', { class: 'num' }, fmt.number(row.tickets)),
      h('td', { class: 'num' }, `${hrs(row.ttfr.median)} · n ${row.ttfr.n}`),
      h('td', { class: 'num' }, hrs(row.ttfr.p90)),
      h('td', { class: 'num' }, `${hrs(row.ttr.median)} · n ${row.ttr.n}`),
      h('td', { class: 'num' }, hrs(row.ttr.p90)),
      h('td', { class: 'num' }, pct(row.sla_first_response)),
      h('td', { class: 'num' }, pct(row.sla_resolution)),
      h('td', { class: 'num' }, fmt.number(row.backlog_end)),
      h('td', { class: 'num' }, row.per_100_devices == null ? '–' : fmt.number(row.per_100_devices, 1)),
      h('td', { class: 'num' }, row.per_100_pupils == null ? '–' : fmt.number(row.per_100_pupils, 1)));
    return tr;
  });
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'kpi-table' },
    h('thead', {}, h('tr', {},
      ...[t('kpi.school'), t('kpi.tickets'), t('kpi.ttfr'), t('kpi.p90'), t('kpi.ttr'), t('kpi.p90'),
        t('kpi.slaFr'), t('kpi.slaRes'), t('kpi.backlog'), t('kpi.per100dev'), t('kpi.per100pup')]
        .map((x, i) => h('th', { class: i === 0 ? '' : 'num' }, x)))),
    h('tbody', {}, ...rows)));

  // Contract targets (hours, business time), editable.
  const tin = (v, id) => h('input', { id, class: 'input input-num', value: fmt.number(v / 60, 1), size: 5 });
  const frIn = d.targets.first_response_min.map((v, i) => tin(v, `kpi-target-fr-${i + 1}`));
  const resIn = d.targets.resolution_min.map((v, i) => tin(v, `kpi-target-res-${i + 1}`));
  const saveTargets = h('button', { id: 'kpi-save-targets', class: 'btn btn-secondary', type: 'button' }, t('kpi.saveTargets'));
  saveTargets.addEventListener('click', async () => {
    const toMin = (inp) => Math.round((fmt.parseNumber(inp.value) || 0) * 60);
    const targets = { first_response_min: frIn.map(toMin), resolution_min: resIn.map(toMin) };
    const r = await ctx.api.call('kpi_save_targets', { contract: d.contract, targets, request: state.request, language: language() });
    if (r.ok) {
      ctx.ui.toast(t('kpi.saved'));
      draw(el, ctx, r.value);
    }
  });
  const targetsCard = h('section', { class: 'card', id: 'kpi-targets' },
    h('h2', {}, `${t('kpi.targets')}: ${d.contract}`),
    h('table', { class: 'data-table' },
      h('thead', {}, h('tr', {}, h('th', {}, ''), ...[1, 2, 3, 4].map((p) => h('th', { class: 'num' }, `P${p}`)))),
      h('tbody', {},
        h('tr', {}, h('td', {}, t('kpi.targetFr')), ...frIn.map((x) => h('td', { class: 'num' }, x))),
        h('tr', {}, h('td', {}, t('kpi.targetRes')), ...resIn.map((x) => h('td', { class: 'num' }, x))))),
    h('p', { class: 'muted' }, tx.targets_source),
    saveTargets);

  const section = (title, id, svg) => h('section', { class: 'card' }, h('h2', {}, title), svgImage(svg, id, title));

  mount(el,
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', {}, t('kpi.title')), h('p', { class: 'screen-sub' }, t('kpi.sub'))),
      h('div', { class: 'screen-actions' }, calendarBtn, importBtn, exportBtn)),
    h('div', { class: 'toolbar', id: 'kpi-filters' },
      h('label', { class: 'field' }, t('kpi.from'), from.el),
      h('label', { class: 'field' }, t('kpi.to'), to.el),
      h('label', { class: 'field' }, t('kpi.clock'), clock),
      h('label', { class: 'field' }, t('kpi.window'), windowSel),
      h('label', { class: 'field' }, t('kpi.priority'), prio),
      h('label', { class: 'field' }, t('kpi.contract'), contract),
      apply),
    h('p', { class: 'muted', id: 'kpi-period' }, `${d.period_label} · ${tx.as_of_label} · ${tx.clock_label} · ${tx.source_label}`),
    h('p', { class: 'muted', id: 'kpi-window-used' }, tx.window_label),
    ...tx.warnings.map((w) => h('div', { class: 'alert alert-warn' }, w)),
    d.tickets_total === 0 ? h('div', { class: 'alert alert-warn', id: 'kpi-empty' }, t('kpi.noData')) : '',
    stats,
    section(t('kpi.ranking'), 'kpi-chart-ranking', screen.chart_ranking_svg),
    h('section', { class: 'card' }, h('h2', {}, t('kpi.table')), table),
    section(t('kpi.band'), 'kpi-chart-band', screen.chart_band_svg),
    section(t('kpi.trend'), 'kpi-chart-trend', screen.chart_trend_svg),
    section(t('kpi.heatmap'), 'kpi-chart-heatmap', screen.chart_heatmap_svg),
    section(t('kpi.devices'), 'kpi-chart-devices', screen.chart_devices_svg),
    targetsCard,
    h('section', { class: 'card', id: 'kpi-definitions' }, h('h2', {}, t('kpi.definitions')),
      h('p', { id: 'kpi-calendar-info' }, h('strong', {}, `${t('kpi.calendarInfo')}: `), tx.calendar_description, '. ', tx.school_holiday_source, '.'),
      h('dl', {}, ...tx.definitions.flatMap((x) => [h('dt', {}, x.term), h('dd', {}, x.text)]))));
}

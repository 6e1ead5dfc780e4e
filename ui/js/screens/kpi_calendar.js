// Kalender-Einstellungen of the Support-Kennzahlen: service hours of the district ("Standard")
// and of support contracts (weekday times), the NRW school holidays with their source and
// check, ICS import, bewegliche Ferientage per school (checked by the core). Opened from the KPI screen; every change is validated and stored by the
// core (`calendar_*` commands) and the district figures below the heading are recomputed.

import { h, mount } from '../dom.js';
import { dateInput } from '../dateinput.js';
import { language, registerStrings, t } from '../i18n.js';

registerStrings({
  de: {
    'cal.title': 'Kalender-Einstellungen',
    'cal.sub': 'Geschäftszeit (Schulzeit) = Servicezeiten ohne Feiertage NRW und – wenn gewählt – ohne Schulferien und bewegliche Ferientage. Jede Änderung gilt sofort für alle Kennzahlen.',
    'cal.back': 'Zurück zu den Kennzahlen',
    'cal.effect': 'Bezirk, {period}, Servicezeit „{window}“: Erste Antwort (Median) {fr} · Lösung (Median) {res} · SLA Lösung {sla}',
    'cal.windows': 'Servicezeiten', 'cal.window': 'Servicezeit', 'cal.newWindow': 'Neue Servicezeit für einen Vertrag',
    'cal.name': 'Name (Vertrag)', 'cal.scope.district': 'Schulträger (Standard)', 'cal.scope.contract': 'Vertrag',
    'cal.closed': 'geschlossen', 'cal.hoursHint': 'Zeiten als 07:30-16:00; leer = geschlossen. Zeitzone {tz}.',
    'cal.exPublic': 'ohne gesetzliche Feiertage NRW', 'cal.exSchool': 'ohne Schulferien und bewegliche Ferientage (Schulzeit)',
    'cal.saveWindow': 'Servicezeit speichern', 'cal.deleteWindow': 'Servicezeit löschen',
    'cal.windowSaved': 'Servicezeit „{name}“ gespeichert – Kennzahlen neu berechnet.',
    'cal.windowDeleted': 'Servicezeit „{name}“ gelöscht.', 'cal.deleteWindowQ': 'Servicezeit „{name}“ löschen?',
    'cal.needName': 'Bitte einen Namen für die Servicezeit eingeben.',
    'cal.contractHint': 'Heißt die Servicezeit wie ein Vertrag mit SLA-Zielen (Auswahlliste), rechnen die Kennzahlen mit diesem Vertrag automatisch in seinen Servicezeiten.',
    'cal.holidays': 'Schulferien NRW', 'cal.source': 'Quelle der mitgelieferten Ferien: {src}.',
    'cal.unchecked': '{n} Ferienblöcke sind noch nicht gegengeprüft („bitte prüfen“). Bitte mit der Ferienordnung vergleichen und das Prüfdatum eintragen.',
    'cal.allYears': 'alle Schuljahre', 'cal.year': 'Schuljahr', 'cal.hName': 'Bezeichnung', 'cal.hStart': 'Erster Ferientag',
    'cal.hEnd': 'Letzter Ferientag', 'cal.hSource': 'Herkunft', 'cal.hCheck': 'Prüfung', 'cal.hRef': 'Geprüft gegen',
    'cal.hCheckedOn': 'Geprüft am', 'cal.hNote': 'Hinweis', 'cal.src.ferienordnung': 'Ferienordnung', 'cal.src.ics': 'ICS-Import',
    'cal.export': 'Als Excel exportieren …', 'cal.exported': 'Schulferien gespeichert: {path}',
    'cal.src.manual': 'eigene Angabe', 'cal.add': 'Ferienblock hinzufügen', 'cal.edit': 'Bearbeiten', 'cal.delete': 'Löschen',
    'cal.ics': 'Aus ICS-Datei einlesen', 'cal.icsHint': 'Eine ICS-Datei (z. B. vom Schulministerium) ersetzt die Ferien der Schuljahre, die sie enthält.',
    'cal.icsDone': '{n} Ferienblöcke aus {file} eingelesen (Schuljahre {years}); {r} ersetzt.',
    'cal.editTitle': 'Ferienblock bearbeiten', 'cal.addTitle': 'Ferienblock hinzufügen', 'cal.save': 'Speichern', 'cal.cancel': 'Abbrechen',
    'cal.yearHint': 'leer = aus dem ersten Ferientag (Schuljahr beginnt am 1. August)',
    'cal.holidaySaved': 'Ferienblock „{name}“ gespeichert – Kennzahlen neu berechnet.', 'cal.holidayDeleted': 'Ferienblock „{name}“ gelöscht.',
    'cal.deleteHolidayQ': 'Ferienblock „{name}“ ({from}–{to}) löschen?', 'cal.endBeforeStart': 'Der letzte Ferientag liegt vor dem ersten.',
    'cal.fd.title': 'Bewegliche Ferientage je Schule',
    'cal.fd.sub': 'Tage, die eine Schule selbst unterrichtsfrei stellt. Die Kennzahlen dieser Schule lassen sie in der Geschäftszeit aus (wenn die Servicezeit Schulferien auslässt). Erlaubte Anzahl: {src}.',
    'cal.fd.school': 'Schule', 'cal.fd.date': 'Datum', 'cal.fd.note': 'Hinweis', 'cal.fd.notePh': 'z. B. Rosenmontag',
    'cal.fd.add': 'Ferientag hinzufügen', 'cal.fd.weekday': 'Wochentag', 'cal.fd.year': 'Schuljahr',
    'cal.fd.none': 'Für diese Schule sind keine beweglichen Ferientage eingetragen.',
    'cal.fd.noSchools': 'Noch keine Schulen im Schulregister.',
    'cal.fd.count': '{year}: {used} von {allowed}', 'cal.fd.countFree': '{year}: {used}',
    'cal.fd.over': 'mehr als erlaubt',
    'cal.fd.saved': 'Beweglicher Ferientag {date} gespeichert – Kennzahlen neu berechnet.',
    'cal.fd.deleted': 'Beweglicher Ferientag {date} gelöscht.',
    'cal.fd.deleteQ': 'Beweglichen Ferientag {date} ({school}) löschen?',
    'cal.crossChecked': 'gegengeprüft',
    'cal.none': 'Keine Ferienblöcke in diesem Schuljahr.', 'cal.computing': 'Kennzahlen des Bezirks werden berechnet …', 'cal.thStart': 'Erster Tag', 'cal.pleaseCheck': 'bitte prüfen', 'cal.thEnd': 'Letzter Tag',
  },
  en: {
    'cal.title': 'Calendar settings',
    'cal.sub': 'Business time (school time) = service hours without NRW public holidays and – if chosen – without school holidays and the schools\u2019 flexible days off. Every change applies to all KPIs at once.',
    'cal.back': 'Back to the KPIs',
    'cal.effect': 'District, {period}, service hours “{window}”: first response (median) {fr} · resolution (median) {res} · SLA resolution {sla}',
    'cal.windows': 'Service hours', 'cal.window': 'Service hours', 'cal.newWindow': 'New service hours for a contract',
    'cal.name': 'Name (contract)', 'cal.scope.district': 'School authority (default)', 'cal.scope.contract': 'Contract',
    'cal.closed': 'closed', 'cal.hoursHint': 'Times as 07:30-16:00; empty = closed. Time zone {tz}.',
    'cal.exPublic': 'without NRW public holidays', 'cal.exSchool': 'without school holidays and flexible days off (school time)',
    'cal.saveWindow': 'Save service hours', 'cal.deleteWindow': 'Delete service hours',
    'cal.windowSaved': 'Service hours “{name}” saved – KPIs recomputed.',
    'cal.windowDeleted': 'Service hours “{name}” deleted.', 'cal.deleteWindowQ': 'Delete service hours “{name}”?',
    'cal.needName': 'Please enter a name for the service hours.',
    'cal.contractHint': 'If the service hours carry the name of a contract with SLA targets (list), the KPIs for that contract use these hours automatically.',
    'cal.holidays': 'NRW school holidays', 'cal.source': 'Source of the shipped holidays: {src}.',
    'cal.unchecked': '{n} holiday blocks are not cross-checked yet (“bitte prüfen”). Please compare them with the Ferienordnung and enter the date of the check.',
    'cal.allYears': 'all school years', 'cal.year': 'School year', 'cal.hName': 'Name', 'cal.hStart': 'First day',
    'cal.hEnd': 'Last day', 'cal.hSource': 'Origin', 'cal.hCheck': 'Check', 'cal.hRef': 'Checked against',
    'cal.hCheckedOn': 'Checked on', 'cal.hNote': 'Note', 'cal.src.ferienordnung': 'Ferienordnung', 'cal.src.ics': 'ICS import',
    'cal.export': 'Export to Excel …', 'cal.exported': 'School holidays saved: {path}',
    'cal.src.manual': 'own entry', 'cal.add': 'Add holiday block', 'cal.edit': 'Edit', 'cal.delete': 'Delete',
    'cal.ics': 'Import from ICS file', 'cal.icsHint': 'An ICS file (e.g. from the ministry) replaces the holidays of the school years it contains.',
    'cal.icsDone': '{n} holiday blocks read from {file} (school years {years}); {r} replaced.',
    'cal.editTitle': 'Edit holiday block', 'cal.addTitle': 'Add holiday block', 'cal.save': 'Save', 'cal.cancel': 'Cancel',
    'cal.yearHint': 'empty = from the first day (the school year starts on 1 August)',
    'cal.holidaySaved': 'Holiday block “{name}” saved – KPIs recomputed.', 'cal.holidayDeleted': 'Holiday block “{name}” deleted.',
    'cal.deleteHolidayQ': 'Delete holiday block “{name}” ({from}–{to})?', 'cal.endBeforeStart': 'The last day is before the first day.',
    'cal.fd.title': 'Flexible days off per school',
    'cal.fd.sub': 'Days a school sets free of lessons itself (bewegliche Ferientage). That school\u2019s KPIs leave them out of business time (if the service hours leave out school holidays). Allowed number: {src}.',
    'cal.fd.school': 'School', 'cal.fd.date': 'Date', 'cal.fd.note': 'Note', 'cal.fd.notePh': 'e.g. Rosenmontag',
    'cal.fd.add': 'Add day off', 'cal.fd.weekday': 'Weekday', 'cal.fd.year': 'School year',
    'cal.fd.none': 'No flexible days off entered for this school.',
    'cal.fd.noSchools': 'No schools in the school register yet.',
    'cal.fd.count': '{year}: {used} of {allowed}', 'cal.fd.countFree': '{year}: {used}',
    'cal.fd.over': 'more than allowed',
    'cal.fd.saved': 'Flexible day off {date} saved – KPIs recomputed.',
    'cal.fd.deleted': 'Flexible day off {date} deleted.',
    'cal.fd.deleteQ': 'Delete the flexible day off {date} ({school})?',
    'cal.crossChecked': 'cross-checked',
    'cal.none': 'No holiday blocks in this school year.', 'cal.computing': 'Computing the district figures …', 'cal.thStart': 'First day', 'cal.pleaseCheck': 'please check', 'cal.thEnd': 'Last day',
  },
});

const WEEKDAYS = {
  de: ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

// Names of the shipped holiday blocks in English (display only; the stored name stays).
const HOLIDAY_EN = {
  Herbstferien: 'Autumn holidays', Weihnachtsferien: 'Christmas holidays', Osterferien: 'Easter holidays',
  Pfingstferien: 'Whitsun holidays', Sommerferien: 'Summer holidays',
};

// Survives re-rendering.
const ui = { window: 'Standard', year: '', school: '' };

/** Draws the editor into `el`; `onBack` returns to the KPI screen; `request` is its filter. */
export async function renderCalendarSettings(el, ctx, onBack, request) {
  const r = await ctx.api.call('calendar_settings');
  if (!r.ok) return;
  let settings = r.value;
  const { fmt } = ctx;

  const effect = h('p', { class: 'cal-effect', id: 'cal-effect', 'aria-live': 'polite' });
  // Contracts with SLA targets (from the KPI screen's data), offered as names of new windows.
  const contractList = h('datalist', { id: 'cal-contract-list' });
  async function refreshEffect() {
    const req = { ...request, window: ui.window };
    effect.textContent = t('cal.computing');
    try {
      const s = await ctx.api.invoke('kpi_screen', { request: req });
      const d = s.dashboard;
      mount(contractList, ...s.contracts.filter((c) => c !== 'Standard').map((c) => h('option', { value: c })));
      const dist = d.result.district;
      const hrs = (m) => (m == null ? '–' : `${fmt.number(m / 60, 1)} h`);
      const n = dist.sla_resolution.met + dist.sla_resolution.breached;
      effect.textContent = t('cal.effect', {
        period: d.period_label, window: d.window, fr: hrs(dist.ttfr.median), res: hrs(dist.ttr.median),
        sla: n ? fmt.percent((dist.sla_resolution.met * 100) / n, 1) : '–',
      });
    } catch (e) {
      effect.textContent = e.message || String(e);
    }
  }

  const en = language() === 'en';
  const windowCard = h('section', { class: 'card', id: 'cal-windows' });
  const holidayCard = h('section', { class: 'card', id: 'cal-holidays' });
  const freeCard = h('section', { class: 'card', id: 'cal-free-days' });

  function drawWindows(draft) {
    const names = settings.windows.map((w) => w.name);
    if (!draft && !names.includes(ui.window)) ui.window = names[0];
    const w = draft || settings.windows.find((x) => x.name === ui.window);
    const isNew = !!draft;
    const select = h('select', { id: 'cal-window-select', class: 'input' },
      ...names.map((n) => h('option', { value: n, selected: !isNew && n === w.name }, n)));
    select.addEventListener('change', () => { ui.window = select.value; drawWindows(); refreshEffect(); });
    const newBtn = h('button', { id: 'cal-window-new', class: 'btn btn-secondary', type: 'button' }, t('cal.newWindow'));
    newBtn.addEventListener('click', () => {
      const base = settings.windows.find((x) => x.name === 'Standard') || settings.windows[0];
      drawWindows({ ...base, name: '', scope: 'contract', description: '' });
      windowCard.querySelector('#cal-window-name').focus();
    });
    const nameIn = h('input', {
      id: 'cal-window-name', class: 'input', value: w.name, readonly: !isNew, autocomplete: 'off', list: 'cal-contract-list',
    });
    const days = WEEKDAYS[language() === 'en' ? 'en' : 'de'];
    const dayIns = w.days.map((v, i) => h('input', {
      id: `cal-day-${i}`, class: 'input input-hours', value: v, placeholder: t('cal.closed'), size: 11, autocomplete: 'off',
      'aria-label': days[i],
    }));
    const exPublic = h('input', { type: 'checkbox', id: 'cal-ex-public', checked: w.exclude_public_holidays });
    const exSchool = h('input', { type: 'checkbox', id: 'cal-ex-school', checked: w.exclude_school_holidays });
    const error = h('p', { class: 'alert alert-error', id: 'cal-window-error', role: 'alert', hidden: true });
    const save = h('button', { id: 'cal-window-save', class: 'btn btn-primary', type: 'button' }, t('cal.saveWindow'));
    save.addEventListener('click', async () => {
      const form = {
        name: nameIn.value.trim(), scope: w.scope, timezone: w.timezone, days: dayIns.map((x) => x.value.trim()),
        exclude_public_holidays: exPublic.checked, exclude_school_holidays: exSchool.checked,
      };
      if (!form.name) { error.textContent = t('cal.needName'); error.hidden = false; return; }
      try {
        settings = await ctx.api.invoke('calendar_save_window', { window: form });
        ui.window = form.name;
        ctx.ui.toast(t('cal.windowSaved', { name: form.name }));
        drawWindows();
        refreshEffect();
      } catch (e) {
        error.textContent = e.message;
        error.hidden = false;
      }
    });
    const actions = [save];
    if (!isNew && w.scope === 'contract') {
      const del = h('button', { id: 'cal-window-delete', class: 'btn btn-danger-quiet', type: 'button' }, t('cal.deleteWindow'));
      del.addEventListener('click', async () => {
        if (!await ctx.ui.confirm(t('cal.deleteWindowQ', { name: w.name }), { danger: true, confirmLabel: t('cal.delete') })) return;
        const res = await ctx.api.call('calendar_delete_window', { name: w.name });
        if (!res.ok) return;
        settings = res.value;
        ctx.ui.toast(t('cal.windowDeleted', { name: w.name }));
        ui.window = 'Standard';
        drawWindows();
        refreshEffect();
      });
      actions.push(del);
    }
    mount(windowCard,
      h('h2', {}, t('cal.windows')),
      h('div', { class: 'toolbar cal-toolbar' },
        h('label', { class: 'field' }, t('cal.window'), select), newBtn),
      error,
      h('div', { class: 'cal-window-form' },
        h('label', { class: 'field' }, t('cal.name'), nameIn),
        h('div', { class: 'cal-scope' }, h('span', { class: 'badge' }, w.scope === 'district' ? t('cal.scope.district') : t('cal.scope.contract')))),
      w.scope === 'contract' ? h('p', { class: 'field-hint', id: 'cal-contract-hint' }, t('cal.contractHint')) : '',
      h('div', { class: 'cal-days' }, ...dayIns.map((inp, i) => h('label', { class: 'field' }, days[i], inp))),
      h('p', { class: 'field-hint' }, t('cal.hoursHint', { tz: w.timezone })),
      h('div', { class: 'cal-checks' },
        h('label', { class: 'check' }, exPublic, ' ', t('cal.exPublic')),
        h('label', { class: 'check' }, exSchool, ' ', t('cal.exSchool'))),
      w.description ? h('p', { class: 'muted', id: 'cal-window-description' }, en ? w.description_en : w.description) : '',
      h('div', { class: 'toolbar' }, ...actions));
  }

  const srcLabel = (s) => t(`cal.src.${s}`);

  async function editHoliday(hol) {
    const isNew = !hol;
    const x = hol || { id: 0, school_year: '', name: '', start: null, end: null, source: 'manual', note: '', source_ref: '', checked_on: '' };
    const name = h('input', { id: 'cal-h-name', class: 'input', value: x.name, autocomplete: 'off' });
    const start = dateInput({ id: 'cal-h-start', value: x.start, required: true, label: t('cal.hStart') });
    const end = dateInput({ id: 'cal-h-end', value: x.end, required: true, label: t('cal.hEnd') });
    const year = h('input', { id: 'cal-h-year', class: 'input', value: x.school_year, placeholder: '2026/27', size: 8, autocomplete: 'off' });
    const note = h('input', { id: 'cal-h-note', class: 'input', value: x.note, autocomplete: 'off' });
    const ref = h('input', { id: 'cal-h-ref', class: 'input', value: x.source_ref, autocomplete: 'off' });
    const checked = dateInput({ id: 'cal-h-checked', value: x.checked_on || null, label: t('cal.hCheckedOn') });
    const error = h('p', { class: 'alert alert-error', id: 'cal-h-error', role: 'alert', hidden: true });
    const f = (label, input, wide) => h('label', { class: `field${wide ? ' field-wide' : ''}` }, h('span', {}, label), input);
    let savedName = '';
    const res = await ctx.ui.modal({
      title: t(isNew ? 'cal.addTitle' : 'cal.editTitle'),
      id: 'cal-holiday-dialog',
      initialFocus: '#cal-h-name',
      body: h('div', {}, error, h('div', { class: 'form-grid' },
        f(t('cal.hName'), name, true), f(t('cal.hStart'), start.el), f(t('cal.hEnd'), end.el),
        h('label', { class: 'field' }, h('span', {}, t('cal.year')), year, h('span', { class: 'field-hint' }, t('cal.yearHint'))),
        f(t('cal.hCheckedOn'), checked.el), f(t('cal.hRef'), ref, true), f(t('cal.hNote'), note, true))),
      buttons: [
        { label: t('cal.cancel'), kind: 'secondary', value: undefined },
        { label: t('cal.save'), kind: 'primary', submit: true, value: 'saved', id: 'cal-h-save' },
      ],
      onSubmit: async () => {
        const s = start.value();
        const e = end.value();
        const c = checked.value();
        if (s === undefined || e === undefined || c === undefined) return false;
        if (e < s) { error.textContent = t('cal.endBeforeStart'); error.hidden = false; return false; }
        const holiday = {
          ...x, name: name.value.trim(), start: s, end: e, school_year: year.value.trim(),
          note: note.value.trim(), source_ref: ref.value.trim(), checked_on: c || '',
        };
        try {
          settings = await ctx.api.invoke('calendar_save_holiday', { holiday });
          savedName = holiday.name;
          return true;
        } catch (err) {
          error.textContent = err.message;
          error.hidden = false;
          return false;
        }
      },
    });
    if (res === 'saved') {
      ctx.ui.toast(t('cal.holidaySaved', { name: savedName }));
      drawHolidays();
      refreshEffect();
    }
  }

  async function deleteHoliday(x) {
    const q = t('cal.deleteHolidayQ', { name: x.name, from: fmt.date(x.start), to: fmt.date(x.end) });
    if (!await ctx.ui.confirm(q, { danger: true, confirmLabel: t('cal.delete') })) return;
    const res = await ctx.api.call('calendar_delete_holiday', { id: x.id });
    if (!res.ok) return;
    settings = res.value;
    ctx.ui.toast(t('cal.holidayDeleted', { name: x.name }));
    drawHolidays();
    refreshEffect();
  }

  function drawHolidays() {
    const years = [...new Set(settings.holidays.map((x) => x.school_year))].sort();
    if (ui.year && !years.includes(ui.year)) ui.year = '';
    const yearSel = h('select', { id: 'cal-year', class: 'input' },
      h('option', { value: '' }, t('cal.allYears')),
      ...years.map((y) => h('option', { value: y, selected: y === ui.year }, y)));
    yearSel.addEventListener('change', () => { ui.year = yearSel.value; drawHolidays(); });
    const add = h('button', { id: 'cal-holiday-add', class: 'btn btn-secondary', type: 'button' }, t('cal.add'));
    add.addEventListener('click', () => editHoliday(null));
    const ics = h('button', { id: 'cal-ics-import', class: 'btn btn-secondary', type: 'button' }, t('cal.ics'));
    ics.addEventListener('click', async () => {
      const res = await ctx.api.call('calendar_import_ics');
      if (!res.ok || !res.value) return;
      const v = res.value;
      settings = v.settings;
      ctx.ui.toast(t('cal.icsDone', { n: v.imported, file: v.file_name, years: v.school_years.join(', '), r: v.replaced }));
      drawHolidays();
      refreshEffect();
    });
    // The blocks with source and check as XLSX (registry table school-holidays).
    const exportBtn = h('button', { id: 'cal-holidays-export', class: 'btn btn-secondary', type: 'button' }, t('cal.export'));
    exportBtn.addEventListener('click', async () => {
      const r = await ctx.api.call('report_table_export', { name: 'school-holidays', school: null });
      if (r.ok && r.value) ctx.ui.toast(t('cal.exported', { path: r.value.path }));
    });
    const shown = settings.holidays.filter((x) => !ui.year || x.school_year === ui.year);
    const rows = shown.map((x) => {
      const unchecked = x.note.includes('bitte prüfen');
      const edit = h('button', { class: 'btn btn-secondary btn-small', type: 'button', id: `cal-h-edit-${x.id}` }, t('cal.edit'));
      edit.addEventListener('click', () => editHoliday(x));
      const del = h('button', { class: 'btn btn-danger-quiet btn-small', type: 'button', id: `cal-h-del-${x.id}` }, t('cal.delete'));
      del.addEventListener('click', () => deleteHoliday(x));
      const checkedOn = x.checked_on ? ` (${fmt.date(x.checked_on)})` : '';
      return h('tr', { dataset: { id: String(x.id) }, class: unchecked ? 'cal-unchecked' : '' },
        h('td', {}, x.school_year),
        h('td', {}, en && HOLIDAY_EN[x.name] ? HOLIDAY_EN[x.name] : x.name),
        h('td', { class: 'num' }, fmt.date(x.start)),
        h('td', { class: 'num' }, fmt.date(x.end)),
        h('td', { class: 'cal-nowrap' }, srcLabel(x.source)),
        h('td', { class: 'cal-check' }, unchecked ? h('span', { class: 'badge badge-warn', title: x.note }, t('cal.pleaseCheck'))
          : `${x.note === 'gegengeprüft' ? t('cal.crossChecked') : x.note}${checkedOn}`),
        h('td', { class: 'cal-ref', title: x.source_ref }, x.source_ref),
        h('td', { class: 'cal-actions' }, edit, ' ', del));
    });
    mount(holidayCard,
      h('h2', {}, t('cal.holidays')),
      h('p', { class: 'muted', id: 'cal-source' }, t('cal.source', { src: en ? settings.ferienordnung_source_en : settings.ferienordnung_source })),
      settings.unchecked > 0 ? h('div', { class: 'alert alert-warn', id: 'cal-unchecked' }, t('cal.unchecked', { n: settings.unchecked })) : '',
      h('div', { class: 'toolbar cal-toolbar' }, h('label', { class: 'field' }, t('cal.year'), yearSel), add, ics, exportBtn),
      h('p', { class: 'muted cal-ics-hint' }, t('cal.icsHint')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'cal-holiday-table' },
        h('thead', {}, h('tr', {}, ...[t('cal.year'), t('cal.hName'), t('cal.thStart'), t('cal.thEnd'), t('cal.hSource'),
          t('cal.hCheck'), t('cal.hRef'), ''].map((c, i) => h('th', { class: i === 2 || i === 3 ? 'num' : '' }, c)))),
        h('tbody', {}, ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t('cal.none')))])))));
  }

  // Bewegliche Ferientage of one school: list, add (German date input), delete. The core checks
  // the day (weekend, public holiday, school holidays, number per school year) in German.
  function drawFreeDays() {
    const schools = settings.schools;
    if (!schools.length) {
      mount(freeCard, h('h2', {}, t('cal.fd.title')), h('p', { class: 'muted' }, t('cal.fd.noSchools')));
      return;
    }
    if (!schools.some((x) => x.schulnummer === ui.school)) ui.school = schools[0].schulnummer;
    const school = schools.find((x) => x.schulnummer === ui.school);
    const schoolSel = h('select', { id: 'cal-fd-school', class: 'input' },
      ...schools.map((x) => h('option', { value: x.schulnummer, selected: x.schulnummer === ui.school }, x.label)));
    schoolSel.addEventListener('change', () => { ui.school = schoolSel.value; drawFreeDays(); });
    const date = dateInput({ id: 'cal-fd-date', required: true, label: t('cal.fd.date') });
    const note = h('input', { id: 'cal-fd-note', class: 'input', placeholder: t('cal.fd.notePh'), autocomplete: 'off', size: 18 });
    const error = h('p', { class: 'alert alert-error', id: 'cal-fd-error', role: 'alert', hidden: true });
    const add = h('button', { id: 'cal-fd-add', class: 'btn btn-primary', type: 'button' }, t('cal.fd.add'));
    add.addEventListener('click', async () => {
      error.hidden = true;
      const d = date.value();
      if (d === undefined) return;
      try {
        settings = await ctx.api.invoke('calendar_add_free_day', {
          day: { schulnummer: ui.school, date: d, note: note.value.trim() },
        });
        ctx.ui.toast(t('cal.fd.saved', { date: fmt.date(d) }));
        drawFreeDays();
        refreshEffect();
      } catch (e) {
        error.textContent = e.message || String(e);
        error.hidden = false;
      }
    });
    const days = WEEKDAYS[en ? 'en' : 'de'];
    const mine = settings.free_days.filter((x) => x.schulnummer === ui.school);
    const years = settings.free_day_years.filter((x) => x.schulnummer === ui.school);
    const rows = mine.map((x) => {
      const del = h('button', { class: 'btn btn-danger-quiet btn-small', type: 'button', id: `cal-fd-del-${x.date}` }, t('cal.delete'));
      del.addEventListener('click', async () => {
        const q = t('cal.fd.deleteQ', { date: fmt.date(x.date), school: school.label });
        if (!await ctx.ui.confirm(q, { danger: true, confirmLabel: t('cal.delete') })) return;
        const res = await ctx.api.call('calendar_delete_free_day', { schulnummer: x.schulnummer, date: x.date });
        if (!res.ok) return;
        settings = res.value;
        ctx.ui.toast(t('cal.fd.deleted', { date: fmt.date(x.date) }));
        drawFreeDays();
        refreshEffect();
      });
      return h('tr', { dataset: { date: x.date } },
        h('td', {}, fmt.date(x.date)),
        h('td', {}, days[x.weekday]),
        h('td', {}, x.school_year),
        h('td', {}, x.note),
        h('td', { class: 'cal-actions' }, del));
    });
    const counts = years.map((y) => {
      const over = y.allowed != null && y.used > y.allowed;
      const text = y.allowed != null
        ? t('cal.fd.count', { year: y.school_year, used: y.used, allowed: y.allowed })
        : t('cal.fd.countFree', { year: y.school_year, used: y.used });
      return h('span', { class: over ? 'badge badge-warn' : 'badge' }, over ? `${text} – ${t('cal.fd.over')}` : text);
    });
    mount(freeCard,
      h('h2', {}, t('cal.fd.title')),
      h('p', { class: 'muted', id: 'cal-fd-source' }, t('cal.fd.sub', { src: en ? settings.free_days_source_en : settings.free_days_source })),
      h('div', { class: 'toolbar cal-toolbar' },
        h('label', { class: 'field cal-fd-school' }, t('cal.fd.school'), schoolSel),
        h('label', { class: 'field' }, t('cal.fd.date'), date.el),
        h('label', { class: 'field' }, t('cal.fd.note'), note),
        add),
      error,
      counts.length ? h('div', { class: 'cal-fd-years', id: 'cal-fd-years' }, ...counts) : '',
      h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'cal-fd-table' },
        h('thead', {}, h('tr', {}, ...[t('cal.fd.date'), t('cal.fd.weekday'), t('cal.fd.year'), t('cal.fd.note'), '']
          .map((c) => h('th', {}, c)))),
        h('tbody', {}, ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('cal.fd.none')))])))));
  }

  const back = h('button', { id: 'cal-back', class: 'btn btn-secondary', type: 'button' }, t('cal.back'));
  back.addEventListener('click', onBack);
  mount(el,
    h('header', { class: 'screen-head' },
      h('div', {}, h('h1', {}, t('cal.title')), h('p', { class: 'screen-sub' }, t('cal.sub'))),
      h('div', { class: 'screen-actions' }, back)),
    effect,
    contractList,
    windowCard,
    freeCard,
    holidayCard);
  drawWindows();
  drawFreeDays();
  drawHolidays();
  refreshEffect();
}

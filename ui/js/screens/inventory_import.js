// Inventory import dialog (Bestand): choose an asset export (Snipe-IT, GLPI, i-doit – detected
// from the headers – or the template, or any list through the column mapping), see the detected
// source, the header row, the column of each field and a dry run of the whole file (the core
// checks every row; errors name file, row and column), change the mapping, import (one
// transaction, backup before), then the summary.
//
//   import { openInventoryImport } from './inventory_import.js';
//   const summary = await openInventoryImport(ctx);   // undefined when cancelled

import { h, clear } from '../dom.js';
import { registerStrings } from '../i18n.js';

const SOURCES = [['auto', null], ['snipeit', 'Snipe-IT'], ['glpi', 'GLPI'], ['idoit', 'i-doit'], ['template', null]];

const strings = {
  de: {
    'invx.title': 'Bestand importieren',
    'invx.choose': 'Datei wählen …',
    'invx.noFile': 'Noch keine Datei gewählt. Exportieren Sie die Geräteliste aus Snipe-IT, GLPI oder i-doit (CSV oder Excel), oder nehmen Sie die Vorlage (Schulnummer; Kategorie; Anschaffungsjahr; Anzahl) oder eine eigene Liste.',
    'invx.detected': 'Erkannt: {name} · Kopfzeile in Zeile {row}',
    'invx.notDetected': 'Keine bekannte Kopfzeile – bitte die Spalten zuordnen (Kopfzeile vermutlich in Zeile {row}).',
    'invx.source': 'Quelle',
    'invx.auto': 'Automatisch erkennen',
    'invx.template': 'Vorlage',
    'invx.mapping': 'Spaltenzuordnung',
    'invx.mappingHint': 'Vorbelegt aus den bekannten Spaltennamen. Pflicht: Schule, Kategorie und Anschaffungsjahr oder Kaufdatum. Ohne Anzahl zählt jede Zeile als ein Gerät.',
    'invx.none': '– nicht verwenden –',
    'invx.sample': 'Erste Zeilen der Datei',
    'invx.skipUnknown': 'Unbekannte Kategorien überspringen (statt den Import abzubrechen)',
    'invx.ready': 'Bereit: {devices} in {cohorts} an {schools}.',
    'invx.n.devices': '{n} Geräte',
    'invx.n.device': '{n} Gerät',
    'invx.n.cohorts': '{n} Kohorten',
    'invx.n.cohort': '{n} Kohorte',
    'invx.n.schools': '{n} Schulen',
    'invx.n.school': '{n} Schule',
    'invx.skipped': 'Übersprungen: {list}.',
    'invx.skRetired': '{n} ausgemustert (Status)',
    'invx.skUnknown': '{n} mit unbekannter Kategorie',
    'invx.replaceHint': 'Der Import ersetzt den Bestand der Schulen und Kategorien, die in der Datei vorkommen; vorher wird eine Sicherung der Plandatei angelegt.',
    'invx.do': 'Importieren',
    'invx.cancel': 'Abbrechen',
    'invx.needFile': 'Bitte zuerst eine Datei wählen.',
    'invx.sumTitle': 'Bestand importiert',
    'invx.sumFile': '{file} ({source})',
    'invx.sum.devices': 'Geräte',
    'invx.sum.cohorts': 'Kohorten',
    'invx.sum.schools': 'Schulen',
    'invx.sum.replaced': 'ersetzte Kohorten',
    'invx.sum.skipped': 'übersprungene Zeilen',
    'invx.unknownCats': 'Unbekannte Kategorien (nicht importiert): {list}',
    'invx.ok': 'Fertig',
  },
  en: {
    'invx.title': 'Import inventory',
    'invx.choose': 'Choose file …',
    'invx.noFile': 'No file chosen yet. Export the device list from Snipe-IT, GLPI or i-doit (CSV or Excel), or use the template (Schulnummer; Kategorie; Anschaffungsjahr; Anzahl) or your own list.',
    'invx.detected': 'Detected: {name} · header on row {row}',
    'invx.notDetected': 'No known header – please map the columns (header probably on row {row}).',
    'invx.source': 'Source',
    'invx.auto': 'Detect automatically',
    'invx.template': 'Template',
    'invx.mapping': 'Column mapping',
    'invx.mappingHint': 'Prefilled from the known column names. Required: school, category and purchase year or date. Without units each row is one device.',
    'invx.none': '– do not use –',
    'invx.sample': 'First rows of the file',
    'invx.skipUnknown': 'Skip unknown categories (instead of stopping the import)',
    'invx.ready': 'Ready: {devices} in {cohorts} at {schools}.',
    'invx.n.devices': '{n} devices',
    'invx.n.device': '{n} device',
    'invx.n.cohorts': '{n} cohorts',
    'invx.n.cohort': '{n} cohort',
    'invx.n.schools': '{n} schools',
    'invx.n.school': '{n} school',
    'invx.skipped': 'Skipped: {list}.',
    'invx.skRetired': '{n} retired (status)',
    'invx.skUnknown': '{n} with an unknown category',
    'invx.replaceHint': 'The import replaces the inventory of the schools and categories in the file; a backup of the plan file is written first.',
    'invx.do': 'Import',
    'invx.cancel': 'Cancel',
    'invx.needFile': 'Please choose a file first.',
    'invx.sumTitle': 'Inventory imported',
    'invx.sumFile': '{file} ({source})',
    'invx.sum.devices': 'Devices',
    'invx.sum.cohorts': 'Cohorts',
    'invx.sum.schools': 'Schools',
    'invx.sum.replaced': 'Cohorts replaced',
    'invx.sum.skipped': 'Rows skipped',
    'invx.unknownCats': 'Unknown categories (not imported): {list}',
    'invx.ok': 'Done',
  },
};

let registered = false;

/** Opens the import dialog; resolves to the import summary, or undefined when cancelled. */
export async function openInventoryImport(ctx) {
  if (!registered) {
    registerStrings(strings);
    registered = true;
  }
  const { t, fmt } = ctx;
  let choice = null; // {path, file_name, preview}
  let seq = 0;

  const fileLine = h('p', { class: 'muted invx-file', id: 'invx-file' }, t('invx.noFile'));
  const detectedLine = h('p', { class: 'invx-detected', id: 'invx-detected', 'aria-live': 'polite' });
  const sourceSel = h('select', { class: 'input', id: 'invx-source' },
    SOURCES.map(([k, name]) => h('option', { value: k }, k === 'auto' ? t('invx.auto') : (name || t('invx.template')))));
  const skipUnknown = h('input', { type: 'checkbox', id: 'invx-skip-unknown' });
  const mappingBox = h('fieldset', { class: 'form-section invx-mapping', id: 'invx-mapping', hidden: true });
  const sampleBox = h('div', { class: 'invx-sample', id: 'invx-sample', hidden: true });
  const checkBox = h('div', { class: 'alert', id: 'invx-check', role: 'status', hidden: true });
  const errorBox = h('div', { class: 'alert alert-error', role: 'alert', id: 'invx-error', hidden: true });
  const selects = {};

  const request = () => {
    const columns = {};
    for (const [k, sel] of Object.entries(selects)) columns[k] = sel.value;
    return { path: choice.path, source: sourceSel.value, columns, skipUnknown: skipUnknown.checked };
  };

  function showPreview(p) {
    fileLine.textContent = choice.file_name;
    fileLine.classList.remove('muted');
    detectedLine.textContent = p.source_label
      ? t('invx.detected', { name: p.source === 'template' ? t('invx.template') : p.source_label, row: p.header_row })
      : t('invx.notDetected', { row: p.header_row });
    // Mapping selects, prefilled from the aliases (or the user's earlier choice).
    clear(mappingBox);
    mappingBox.appendChild(h('legend', {}, t('invx.mapping')));
    mappingBox.appendChild(h('p', { class: 'field-hint' }, t('invx.mappingHint')));
    const grid = h('div', { class: 'form-grid form-grid-3' });
    for (const f of p.fields) {
      const id = `invx-map-${f.key}`;
      const sel = h('select', { class: 'input', id, dataset: { field: f.key } },
        h('option', { value: '' }, t('invx.none')),
        p.headers.map((hd) => h('option', { value: hd }, hd)));
      sel.value = f.header || '';
      if (f.required && !f.header) sel.setAttribute('aria-invalid', 'true');
      sel.addEventListener('change', refresh);
      selects[f.key] = sel;
      grid.appendChild(h('div', { class: 'field' }, h('label', { for: id }, f.required ? `${f.label} *` : f.label), sel));
    }
    mappingBox.appendChild(grid);
    mappingBox.hidden = false;
    // Sample rows: the mapped columns are marked with their field.
    const fieldOf = {};
    for (const f of p.fields) if (f.header) fieldOf[f.header] = f.label.replace(/\s*\(.*\)$/, '');
    clear(sampleBox);
    if (p.headers.length) {
      sampleBox.append(
        h('h3', { class: 'invx-sample-title' }, t('invx.sample')),
        h('div', { class: 'table-wrap table-wrap-short' }, h('table', { class: 'data-table invx-sample-table', id: 'invx-sample-table' },
          h('thead', {}, h('tr', {}, p.headers.map((hd) => h('th', { class: fieldOf[hd] ? 'invx-mapped' : '' },
            hd, fieldOf[hd] ? h('span', { class: 'invx-field' }, `→ ${fieldOf[hd]}`) : null)))),
          h('tbody', {}, p.sample.map((r) => h('tr', {}, r.map((c) => h('td', { title: c }, c))))))));
      sampleBox.hidden = false;
    } else sampleBox.hidden = true;
    // The dry run.
    checkBox.hidden = false;
    clear(checkBox);
    if (p.error) {
      checkBox.className = 'alert alert-error';
      checkBox.appendChild(document.createTextNode(p.error));
    } else {
      const c = p.check;
      checkBox.className = 'alert alert-ok';
      const count = (n, one, many) => t(n === 1 ? one : many, { n: fmt.number(n) });
      checkBox.append(h('strong', {}, t('invx.ready', {
        devices: count(c.devices, 'invx.n.device', 'invx.n.devices'),
        cohorts: count(c.cohorts, 'invx.n.cohort', 'invx.n.cohorts'),
        schools: count(c.schools, 'invx.n.school', 'invx.n.schools'),
      })), ' ');
      const skipped = skippedText(ctx, c);
      if (skipped) checkBox.append(skipped, ' ');
      if (c.unknown_categories.length) {
        checkBox.append(h('div', { id: 'invx-check-unknown' }, t('invx.unknownCats', { list: c.unknown_categories.join(', ') })));
      }
      checkBox.append(h('div', { class: 'field-hint' }, t('invx.replaceHint')));
    }
  }

  async function refresh() {
    if (!choice) return;
    errorBox.hidden = true;
    const mine = ++seq;
    try {
      const p = await ctx.api.invoke('inventory_import_preview', { request: request() });
      if (mine !== seq) return;
      choice.preview = p;
      showPreview(p);
    } catch (e) {
      errorBox.textContent = e.message;
      errorBox.hidden = false;
    }
  }
  sourceSel.addEventListener('change', refresh);
  skipUnknown.addEventListener('change', refresh);

  async function chooseFile() {
    errorBox.hidden = true;
    try {
      const c = await ctx.api.invoke('inventory_import_choose_file');
      if (!c) return;
      choice = c;
      for (const k of Object.keys(selects)) delete selects[k];
      sourceSel.value = 'auto';
      showPreview(c.preview);
    } catch (e) {
      errorBox.textContent = e.message;
      errorBox.hidden = false;
    }
  }

  const body = h('div', { class: 'import-form invx-form', id: 'invx-form' },
    h('div', { class: 'file-row' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'invx-choose', onclick: chooseFile }, t('invx.choose')),
      fileLine),
    detectedLine,
    h('div', { class: 'invx-options' },
      h('label', { for: 'invx-source', class: 'invx-label' }, t('invx.source')), sourceSel,
      h('div', { class: 'check' }, skipUnknown, h('label', { for: 'invx-skip-unknown' }, t('invx.skipUnknown')))),
    mappingBox,
    checkBox,
    errorBox,
    sampleBox);

  let summary = null;
  const res = await ctx.ui.modal({
    title: t('invx.title'),
    body,
    size: 'wide',
    id: 'invx-dialog',
    initialFocus: '#invx-choose',
    buttons: [
      { label: t('invx.cancel'), value: undefined, id: 'invx-cancel' },
      { label: t('invx.do'), kind: 'primary', submit: true, value: 'done', id: 'invx-do' },
    ],
    onSubmit: async () => {
      errorBox.hidden = true;
      if (!choice) {
        errorBox.textContent = t('invx.needFile');
        errorBox.hidden = false;
        return false;
      }
      try {
        summary = await ctx.api.invoke('inventory_import', { request: request() });
        return true;
      } catch (e) {
        errorBox.textContent = e.message;
        errorBox.hidden = false;
        return false;
      }
    },
  });
  if (res !== 'done' || !summary) return undefined;
  await showSummary(ctx, summary);
  return summary;
}

/** "Übersprungen: 1 ausgemustert, 2 mit unbekannter Kategorie." – only the parts that occur. */
function skippedText(ctx, s) {
  const parts = [];
  if (s.skipped_retired) parts.push(ctx.t('invx.skRetired', { n: ctx.fmt.number(s.skipped_retired) }));
  if (s.skipped_unknown) parts.push(ctx.t('invx.skUnknown', { n: ctx.fmt.number(s.skipped_unknown) }));
  return parts.length ? ctx.t('invx.skipped', { list: parts.join(', ') }) : '';
}

async function showSummary(ctx, s) {
  const { t, fmt } = ctx;
  const skipped = s.skipped_retired + s.skipped_unknown;
  const fig = (id, label, value) => h('div', { class: 'stat', id: `invx-sum-${id}` },
    h('span', { class: 'stat-value' }, fmt.number(value)), h('span', { class: 'stat-label' }, label));
  const sourceName = { snipe_it: 'Snipe-IT', glpi: 'GLPI', idoit: 'i-doit', template: t('invx.template') }[s.source] || s.source;
  const body = h('div', { id: 'invx-summary-body' },
    h('p', { id: 'invx-sum-file' }, t('invx.sumFile', { file: s.file, source: sourceName })),
    h('div', { class: 'stats invx-sum-stats' },
      fig('devices', t('invx.sum.devices'), s.devices),
      fig('cohorts', t('invx.sum.cohorts'), s.cohorts),
      fig('schools', t('invx.sum.schools'), s.schools),
      fig('replaced', t('invx.sum.replaced'), s.replaced_cohorts),
      fig('skipped', t('invx.sum.skipped'), skipped)),
    skipped ? h('p', { class: 'field-hint', id: 'invx-sum-skipped-detail' }, skippedText(ctx, s)) : null,
    s.unknown_categories.length ? h('div', { class: 'alert alert-warn', id: 'invx-sum-unknown' },
      t('invx.unknownCats', { list: s.unknown_categories.map((c) => (c ? `„${c}“` : '„“')).join(', ') })) : null);
  await ctx.ui.modal({
    title: t('invx.sumTitle'),
    body,
    size: 'wide',
    id: 'invx-summary',
    buttons: [{ label: t('invx.ok'), kind: 'primary', submit: true, value: true, id: 'invx-summary-ok' }],
  });
}

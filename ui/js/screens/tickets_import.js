// Ticket import dialog (Support-Kennzahlen): choose a helpdesk export (Zammad, GLPI, Znuny/OTRS,
// Jira, iTop – detected from the headers – or any CSV/XLSX through a column mapping that can be
// saved as an import profile), see what happens to person data, import, then map the school
// labels that matched no school of the register.
//
// Used by the KPI screen: `import { openTicketImport } from './tickets_import.js';`
//   await openTicketImport(ctx, { onDone: () => ctx.rerender() });
// Without `ctx` the dialog builds what it needs from the shared modules (window tests).

import { h, clear } from '../dom.js';
import * as api from '../api.js';
import * as dialog from '../dialog.js';
import { t as tt, registerStrings } from '../i18n.js';
import * as fmt from '../format.js';

const SOURCES = ['auto', 'zammad', 'glpi', 'znuny', 'jira', 'itop'];
const SOURCE_NAMES = { zammad: 'Zammad', glpi: 'GLPI', znuny: 'Znuny/OTRS', jira: 'Jira', itop: 'iTop', csv: 'CSV' };

const strings = {
  de: {
    'tix.title': 'Tickets importieren',
    'tix.choose': 'Datei wählen …',
    'tix.noFile': 'Noch keine Datei gewählt. Exportieren Sie die Tickets aus Ihrem Ticketsystem (Zammad, GLPI, Znuny/OTRS, Jira, iTop) oder nehmen Sie eine beliebige CSV-/Excel-Datei.',
    'tix.detected': 'Erkannt: {name} (Kopfzeile in Zeile {row})',
    'tix.unknown': 'Format nicht erkannt – bitte die Spalten zuordnen.',
    'tix.source': 'Quelle',
    'tix.auto': 'Automatisch erkennen',
    'tix.profile': 'Importprofil',
    'tix.noProfile': '– keines –',
    'tix.mapping': 'Spaltenzuordnung',
    'tix.mappingHint': 'Ticketnummer und Erstellt sind Pflicht; die übrigen Felder, soweit vorhanden.',
    'tix.none': '– nicht vorhanden –',
    'tix.saveAs': 'Als Importprofil speichern unter',
    'tix.monthFirst': 'Datumsangaben mit Monat zuerst (03-14-2025)',
    'tix.schoolColumn': 'Spalte mit der Schule',
    'tix.schoolDefault': 'Standard des Formats',
    'tix.privacy': 'Datenschutz',
    'tix.privacyGeneric': 'Personenspalten (Kunde, Bearbeiter, Anfragende, E-Mail) werden nicht gespeichert; die anfragende Person nur als Pseudonym (HMAC-SHA256 mit einem Schlüssel, der nur in dieser Plandatei liegt). Der Titel wird nicht gespeichert.',
    'tix.keepTitle': 'Ticket-Titel trotzdem speichern (enthält oft Namen)',
    'tix.dropRequester': 'Anfragende Person ganz weglassen (auch kein Pseudonym)',
    'tix.do': 'Importieren',
    'tix.cancel': 'Abbrechen',
    'tix.needFile': 'Bitte zuerst eine Datei wählen.',
    'tix.sumTitle': 'Tickets importiert',
    'tix.counts': '{imported} neu, {updated} aktualisiert, {skipped} übersprungen (zusammengeführt/entfernt) – {format}, Zeitzone {zone}.',
    'tix.unmatched': 'Ohne zugeordnete Schule',
    'tix.unmatchedHint': 'Wählen Sie die Schule; die Zuordnung wird gemerkt und beim nächsten Import verwendet.',
    'tix.col.label': 'Bezeichnung im Ticketsystem',
    'tix.col.tickets': 'Tickets',
    'tix.col.school': 'Schule',
    'tix.pick': '– Schule wählen –',
    'tix.map': 'Zuordnen',
    'tix.mapped': 'zugeordnet ({n} Tickets)',
    'tix.mappedOne': 'zugeordnet (1 Ticket)',
    'tix.unknownStates': 'Unbekannte Status (als offen gezählt): {list}',
    'tix.ok': 'Fertig',
  },
  en: {
    'tix.title': 'Import tickets',
    'tix.choose': 'Choose file …',
    'tix.noFile': 'No file chosen yet. Export the tickets from your helpdesk (Zammad, GLPI, Znuny/OTRS, Jira, iTop) or use any CSV/Excel file.',
    'tix.detected': 'Detected: {name} (header on row {row})',
    'tix.unknown': 'Format not recognised – please map the columns.',
    'tix.source': 'Source',
    'tix.auto': 'Detect automatically',
    'tix.profile': 'Import profile',
    'tix.noProfile': '– none –',
    'tix.mapping': 'Column mapping',
    'tix.mappingHint': 'Ticket number and created are required; the other fields where present.',
    'tix.none': '– not present –',
    'tix.saveAs': 'Save as import profile',
    'tix.monthFirst': 'Dates are month first (03-14-2025)',
    'tix.schoolColumn': 'Column naming the school',
    'tix.schoolDefault': 'Format default',
    'tix.privacy': 'Data protection',
    'tix.privacyGeneric': 'Person columns (customer, agent, requester, e-mail) are not stored; the requester only as a pseudonym (HMAC-SHA256 with a key kept in this plan file). The title is not stored.',
    'tix.keepTitle': 'Keep ticket titles (they often contain names)',
    'tix.dropRequester': 'Drop the requester completely (no pseudonym)',
    'tix.do': 'Import',
    'tix.cancel': 'Cancel',
    'tix.needFile': 'Please choose a file first.',
    'tix.sumTitle': 'Tickets imported',
    'tix.counts': '{imported} new, {updated} updated, {skipped} skipped (merged/removed) – {format}, time zone {zone}.',
    'tix.unmatched': 'Without a school',
    'tix.unmatchedHint': 'Choose the school; the mapping is remembered for the next import.',
    'tix.col.label': 'Label in the helpdesk',
    'tix.col.tickets': 'Tickets',
    'tix.col.school': 'School',
    'tix.pick': '– choose school –',
    'tix.map': 'Map',
    'tix.mapped': 'mapped ({n} tickets)',
    'tix.mappedOne': 'mapped (1 ticket)',
    'tix.unknownStates': 'Unknown states (counted as open): {list}',
    'tix.ok': 'Done',
  },
};

let registered = false;

function defaultCtx() {
  return {
    api: { invoke: api.invoke, call: api.call },
    t: tt,
    fmt,
    h,
    ui: { modal: dialog.modal, messageBox: dialog.messageBox, toast: dialog.toast, showError: dialog.showError },
  };
}

/** Opens the import dialog; resolves to the import summary, or undefined when cancelled. */
export async function openTicketImport(ctx, { onDone } = {}) {
  ctx = ctx || defaultCtx();
  if (!registered) {
    registerStrings(strings);
    registered = true;
  }
  const t = ctx.t;
  let choice = null;

  const fileLine = h('p', { class: 'muted', id: 'tix-file' }, t('tix.noFile'));
  const detectedLine = h('p', { id: 'tix-detected', 'aria-live': 'polite' });
  const sourceSel = h('select', { class: 'input', id: 'tix-source' },
    SOURCES.map((s) => h('option', { value: s }, s === 'auto' ? t('tix.auto') : SOURCE_NAMES[s])));
  const profileSel = h('select', { class: 'input', id: 'tix-profile' });
  const schoolColSel = h('select', { class: 'input', id: 'tix-school-column' });
  const mappingBox = h('fieldset', { class: 'form-section', id: 'tix-mapping', hidden: true });
  const saveAs = h('input', { class: 'input', id: 'tix-save-as', type: 'text' });
  const monthFirst = h('input', { type: 'checkbox', id: 'tix-month-first' });
  const privacyBox = h('div', { class: 'alert alert-warn', id: 'tix-privacy' }, h('strong', {}, t('tix.privacy'), ': '), t('tix.privacyGeneric'));
  const keepTitle = h('input', { type: 'checkbox', id: 'tix-keep-title' });
  const dropRequester = h('input', { type: 'checkbox', id: 'tix-drop-requester' });
  const errorBox = h('div', { class: 'alert alert-error', role: 'alert', id: 'tix-error', hidden: true });
  const mapSelects = {};

  function fillHeaders(sel, headers, selected, emptyLabel) {
    clear(sel);
    sel.appendChild(h('option', { value: '' }, emptyLabel));
    for (const hd of headers) {
      if (!hd || !hd.trim()) continue;
      const o = h('option', { value: hd }, hd);
      if (hd === selected) o.selected = true;
      sel.appendChild(o);
    }
  }

  function showChoice() {
    const p = choice.preview;
    fileLine.textContent = choice.file_name;
    if (p.detected) {
      detectedLine.textContent = t('tix.detected', { name: SOURCE_NAMES[p.detected] || p.detected, row: p.header_row });
      sourceSel.value = 'auto';
    } else {
      detectedLine.textContent = t('tix.unknown');
    }
    clear(profileSel);
    profileSel.appendChild(h('option', { value: '' }, t('tix.noProfile')));
    for (const pr of choice.profiles || []) profileSel.appendChild(h('option', { value: pr.name }, pr.name));
    fillHeaders(schoolColSel, p.headers, '', t('tix.schoolDefault'));
    // Mapping table for unknown formats.
    clear(mappingBox);
    mappingBox.appendChild(h('legend', {}, t('tix.mapping')));
    mappingBox.appendChild(h('p', { class: 'field-hint' }, t('tix.mappingHint')));
    const grid = h('div', { class: 'form-grid' });
    for (const [key, label] of p.fields) {
      const sel = h('select', { class: 'input', id: `tix-map-${key}` });
      fillHeaders(sel, p.headers, p.suggested[key] || '', t('tix.none'));
      mapSelects[key] = sel;
      grid.appendChild(h('div', { class: 'field' }, h('label', { for: `tix-map-${key}` }, label), sel));
    }
    mappingBox.appendChild(grid);
    mappingBox.appendChild(h('div', { class: 'field' }, h('label', { for: 'tix-save-as' }, t('tix.saveAs')), saveAs));
    mappingBox.appendChild(h('div', { class: 'check' }, monthFirst, h('label', { for: 'tix-month-first' }, t('tix.monthFirst'))));
    mappingBox.hidden = !!p.detected;
    clear(privacyBox);
    privacyBox.appendChild(h('strong', {}, t('tix.privacy'), ': '));
    privacyBox.appendChild(document.createTextNode(p.privacy ? p.privacy.notice.replace(/^Datenschutz:\s*/, '') : t('tix.privacyGeneric')));
  }

  async function chooseFile() {
    errorBox.hidden = true;
    try {
      const c = await ctx.api.invoke('tickets_import_choose_file');
      if (!c) return;
      choice = c;
      showChoice();
    } catch (e) {
      errorBox.textContent = e.message;
      errorBox.hidden = false;
    }
  }

  const body = h('div', { class: 'import-form', id: 'tix-form' },
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'btn btn-secondary', id: 'tix-choose', onclick: chooseFile }, t('tix.choose'))),
    fileLine, detectedLine,
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: 'tix-source' }, t('tix.source')), sourceSel),
      h('div', { class: 'field' }, h('label', { for: 'tix-profile' }, t('tix.profile')), profileSel),
      h('div', { class: 'field' }, h('label', { for: 'tix-school-column' }, t('tix.schoolColumn')), schoolColSel)),
    mappingBox,
    privacyBox,
    h('div', { class: 'check' }, keepTitle, h('label', { for: 'tix-keep-title' }, t('tix.keepTitle'))),
    h('div', { class: 'check' }, dropRequester, h('label', { for: 'tix-drop-requester' }, t('tix.dropRequester'))),
    errorBox);

  let summary = null;
  const res = await ctx.ui.modal({
    title: t('tix.title'),
    body,
    size: 'wide',
    id: 'tix-dialog',
    initialFocus: '#tix-choose',
    buttons: [
      { label: t('tix.cancel'), value: undefined, id: 'tix-cancel' },
      { label: t('tix.do'), kind: 'primary', submit: true, value: 'done', id: 'tix-do' },
    ],
    onSubmit: async () => {
      errorBox.hidden = true;
      if (!choice) {
        errorBox.textContent = t('tix.needFile');
        errorBox.hidden = false;
        return false;
      }
      const request = {
        path: choice.path,
        source: sourceSel.value,
        profile: profileSel.value || null,
        schoolColumn: schoolColSel.value || null,
        keepTitle: keepTitle.checked,
        dropRequester: dropRequester.checked,
        monthFirst: monthFirst.checked,
      };
      if (!choice.preview.detected && !profileSel.value) {
        const columns = {};
        for (const [k, sel] of Object.entries(mapSelects)) if (sel.value) columns[k] = sel.value;
        request.columns = columns;
        request.saveAs = saveAs.value.trim() || null;
      }
      try {
        summary = await ctx.api.invoke('tickets_import', { request });
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
  if (onDone) await onDone(summary);
  return summary;
}

async function showSummary(ctx, s) {
  const t = ctx.t;
  let schools = [];
  try {
    schools = await ctx.api.invoke('schools_list');
  } catch (_) { /* the table still shows the labels */ }
  const rows = s.unmatched_detail.map((u, i) => {
    const sel = h('select', { class: 'input', id: `tix-school-${i}`, 'aria-label': t('tix.col.school'), style: { width: '100%', maxWidth: '24rem', minWidth: '12rem' } },
      h('option', { value: '' }, t('tix.pick')),
      schools.map((sc) => h('option', { value: sc.schulnummer }, `${sc.display_name} (${sc.schulnummer})`)));
    const status = h('span', { class: 'muted', id: `tix-status-${i}` });
    const btn = h('button', {
      type: 'button', class: 'btn btn-secondary', id: `tix-map-btn-${i}`,
      onclick: async () => {
        if (!sel.value) return;
        const r = await ctx.api.call('tickets_map_school', { label: u.label, schulnummer: sel.value });
        if (r.ok) {
          status.textContent = r.value === 1 ? t('tix.mappedOne') : t('tix.mapped', { n: ctx.fmt.number(r.value) });
          btn.disabled = true;
          sel.disabled = true;
        }
      },
    }, t('tix.map'));
    return h('tr', { dataset: { label: u.label } },
      h('td', { style: { whiteSpace: 'normal', minWidth: '12rem' } }, u.label), h('td', { class: 'num' }, ctx.fmt.number(u.tickets)), h('td', {}, sel), h('td', {}, btn), h('td', {}, status));
  });
  const body = h('div', { id: 'tix-summary-body' },
    h('p', { id: 'tix-counts' }, t('tix.counts', {
      imported: ctx.fmt.number(s.imported), updated: ctx.fmt.number(s.updated), skipped: ctx.fmt.number(s.skipped),
      format: s.format, zone: s.time_zone,
    })),
    s.notes.map((n) => h('div', { class: 'alert alert-warn' }, n)),
    s.unknown_states.length ? h('p', { class: 'alert alert-warn', id: 'tix-unknown-states' },
      t('tix.unknownStates', { list: s.unknown_states.map((x) => `${x.label} (${x.tickets})`).join(', ') })) : null,
    h('p', { class: 'muted', id: 'tix-privacy-done' }, s.privacy.notice),
    rows.length ? h('section', {},
      h('h3', {}, t('tix.unmatched')),
      h('p', { class: 'field-hint' }, t('tix.unmatchedHint')),
      h('div', { class: 'table-wrap table-wrap-short' }, h('table', { class: 'data-table', id: 'tix-unmatched' },
        h('thead', {}, h('tr', {}, h('th', {}, t('tix.col.label')), h('th', { class: 'num' }, t('tix.col.tickets')), h('th', {}, t('tix.col.school')), h('th', {}), h('th', {}))),
        h('tbody', {}, rows)))) : null);
  await ctx.ui.modal({
    title: t('tix.sumTitle'),
    body,
    size: 'wide',
    id: 'tix-summary',
    buttons: [{ label: t('tix.ok'), kind: 'primary', submit: true, value: true, id: 'tix-summary-ok' }],
  });
}

// Datenschutz: for the data-protection officer. Which person columns of imported files are
// dropped or pseudonymised, the import log (file, SHA-256, time, counts), retention (delete all
// tickets before a date), and every stored field per table. The field list comes from the core
// (`privacy::fields`), the same list docs/DATA-PROTECTION.md is generated from.

import { h, mount } from '../dom.js';

const strings = {
  de: {
    'privacy.title': 'Datenschutz',
    'privacy.subtitle': 'Was diese Plandatei speichert – für die Datenschutzbeauftragten. Alles liegt in einer Datei und ihrem Sicherungsordner; das Programm sendet nichts ins Netz.',
    'privacy.persons': 'Personenbezogene Spalten in Importdateien',
    'privacy.files': 'Dateien',
    'privacy.columns': 'Spalten',
    'privacy.handling': 'Behandlung',
    'privacy.action': 'Was beim Import geschieht',
    'privacy.log': 'Import-Protokoll',
    'privacy.logHint': 'Jeder Import mit Dateiname, SHA-256-Prüfsumme der Datei, Zeitpunkt und Anzahlen.',
    'privacy.logExport': 'Als Excel exportieren …',
    'privacy.logExported': 'Import-Protokoll gespeichert: {path}',
    'privacy.logEmpty': 'Noch kein Import.',
    'privacy.time': 'Zeitpunkt',
    'privacy.kind': 'Art',
    'privacy.file': 'Datei',
    'privacy.sha': 'SHA-256',
    'privacy.counts': 'Anzahlen',
    'privacy.retention': 'Aufbewahrung: Tickets löschen',
    'privacy.ticketsStored': '{n} Tickets gespeichert, das älteste vom {date}.',
    'privacy.noTickets': 'Keine Tickets gespeichert.',
    'privacy.before': 'Alle Tickets löschen, die vor diesem Tag erstellt wurden (TT.MM.JJJJ)',
    'privacy.deleteDo': 'Tickets löschen …',
    'privacy.confirm': '{n} Tickets, die vor dem {date} erstellt wurden, endgültig löschen? Sie werden in der Plandatei überschrieben. Ältere Sicherungen enthalten sie noch, bis sie ausrotiert sind (die letzten {keep} werden behalten).',
    'privacy.confirmTitle': 'Tickets löschen',
    'privacy.deleted': '{n} Tickets gelöscht.',
    'privacy.deletedOne': '1 Ticket gelöscht.',
    'privacy.noneBefore': 'Vor dem {date} wurden keine Tickets erstellt.',
    'privacy.fields': 'Gespeicherte Felder je Tabelle',
    'privacy.fieldsHint': 'Vollständige Liste aller Spalten der Plandatei (dieselbe Liste steht in docs/DATA-PROTECTION.md).',
    'privacy.rows': 'Zeilen: {n}',
    'privacy.column': 'Spalte',
    'privacy.content': 'Inhalt',
    'privacy.personal': 'Personenbezogen',
    'privacy.noPlan': 'Bitte zuerst einen Plan öffnen.',
    'privacy.kind.schools': 'Schulverzeichnis',
    'privacy.kind.tickets': 'Tickets',
    'privacy.kind.inventory': 'Inventar',
    'privacy.kind.offers': 'Angebote',
    'privacy.kind.ics': 'Ferien (ICS)',
  },
  en: {
    'privacy.title': 'Data protection',
    'privacy.subtitle': 'What this plan file stores – for the data-protection officer. Everything is in one file and its backup folder; the program sends nothing over the network.',
    'privacy.persons': 'Person columns in imported files',
    'privacy.files': 'Files',
    'privacy.columns': 'Columns',
    'privacy.handling': 'Handling',
    'privacy.action': 'What the import does',
    'privacy.log': 'Import log',
    'privacy.logHint': 'Every import with file name, SHA-256 checksum of the file, time and counts.',
    'privacy.logExport': 'Export to Excel …',
    'privacy.logExported': 'Import log saved: {path}',
    'privacy.logEmpty': 'No import yet.',
    'privacy.time': 'Time',
    'privacy.kind': 'Kind',
    'privacy.file': 'File',
    'privacy.sha': 'SHA-256',
    'privacy.counts': 'Counts',
    'privacy.retention': 'Retention: delete tickets',
    'privacy.ticketsStored': '{n} tickets stored, the oldest from {date}.',
    'privacy.noTickets': 'No tickets stored.',
    'privacy.before': 'Delete all tickets created before this day (DD.MM.YYYY)',
    'privacy.deleteDo': 'Delete tickets …',
    'privacy.confirm': 'Permanently delete {n} tickets created before {date}? They are overwritten in the plan file. Older backups still hold them until they rotate out (the last {keep} are kept).',
    'privacy.confirmTitle': 'Delete tickets',
    'privacy.deleted': '{n} tickets deleted.',
    'privacy.deletedOne': '1 ticket deleted.',
    'privacy.noneBefore': 'No tickets were created before {date}.',
    'privacy.fields': 'Stored fields per table',
    'privacy.fieldsHint': 'Complete list of every column of the plan file (the same list is in docs/DATA-PROTECTION.md).',
    'privacy.rows': 'rows: {n}',
    'privacy.column': 'Column',
    'privacy.content': 'Content',
    'privacy.personal': 'Personal',
    'privacy.noPlan': 'Please open a plan first.',
    'privacy.kind.schools': 'School directory',
    'privacy.kind.tickets': 'Tickets',
    'privacy.kind.inventory': 'Inventory',
    'privacy.kind.offers': 'Offers',
    'privacy.kind.ics': 'Holidays (ICS)',
  },
};

const HANDLING = {
  no: { de: 'nein', en: 'no' },
  pseudonymised: { de: 'pseudonymisiert', en: 'pseudonymised' },
  opt_in: { de: 'nur auf ausdrücklichen Wunsch', en: 'only on explicit choice' },
  free_text: { de: 'Freitext der Nutzer', en: "user's free text" },
  official: { de: 'dienstliche Angabe', en: 'official address' },
  dropped: { de: 'verworfen', en: 'dropped' },
};

const COUNT_KEYS = {
  added: { de: 'neu', en: 'added' },
  updated: { de: 'geändert', en: 'updated' },
  unchanged: { de: 'unverändert', en: 'unchanged' },
  imported: { de: 'importiert', en: 'imported' },
  replaced: { de: 'ersetzt', en: 'replaced' },
  unmatched: { de: 'nicht zugeordnet', en: 'unmatched' },
  unmatched_schools: { de: 'ohne Schulzuordnung', en: 'without school' },
  rows: { de: 'Zeilen', en: 'rows' },
  skipped: { de: 'übersprungen', en: 'skipped' },
  dropped_columns: { de: 'verworfene Spalten', en: 'dropped columns' },
  pseudonymised_columns: { de: 'pseudonymisierte Spalten', en: 'pseudonymised columns' },
  title_dropped: { de: 'Titel verworfen', en: 'titles dropped' },
  variants: { de: 'Varianten', en: 'variants' },
  devices: { de: 'Geräte', en: 'devices' },
  cohorts: { de: 'Kohorten', en: 'cohorts' },
  schools: { de: 'Schulen', en: 'schools' },
  replaced_cohorts: { de: 'ersetzte Kohorten', en: 'replaced cohorts' },
  skipped_retired: { de: 'ausgemustert übersprungen', en: 'retired, skipped' },
  skipped_unknown: { de: 'unbekannt übersprungen', en: 'unknown, skipped' },
  unknown_categories: { de: 'unbekannte Kategorien', en: 'unknown categories' },
  removed_from_source: { de: 'nicht mehr im Verzeichnis', en: 'no longer in the directory' },
  pupils_total: { de: 'Schülerinnen und Schüler', en: 'pupils' },
  school_years: { de: 'Schuljahre', en: 'school years' },
};
// Shown in the "kind" column already.
const HIDDEN_KEYS = new Set(['source', 'file', 'removed_schulnummern']);

// Survives re-rendering.
const state = { before: '' };

function table(id, head, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data-table', id },
      h('thead', {}, h('tr', {}, ...head.map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows)));
}

export default {
  id: 'privacy',
  icon: 'privacy',
  title: { de: 'Datenschutz', en: 'Data protection' },
  strings,
  async render(el, ctx) {
    const { t, pick, fmt } = ctx;
    const head = h('header', { class: 'screen-head' },
      h('div', {}, h('h1', {}, t('privacy.title')), h('p', { class: 'screen-sub' }, t('privacy.subtitle'))));
    if (!ctx.plan || !ctx.plan.open) {
      mount(el, head, h('p', { class: 'muted' }, t('privacy.noPlan')));
      return;
    }
    const r = await ctx.api.call('privacy_overview');
    if (!r.ok) return;
    draw(r.value);

    function counts(summary) {
      if (!summary || typeof summary !== 'object') return String(summary ?? '');
      return Object.entries(summary)
        .filter(([k]) => !HIDDEN_KEYS.has(k))
        .map(([k, v]) => {
          const label = COUNT_KEYS[k] ? pick(COUNT_KEYS[k]) : k;
          // School years are named (2026/27, …); other lists are counted.
          if (k === 'school_years' && Array.isArray(v) && v.length) return `${label}: ${v.join(', ')}`;
          const n = Array.isArray(v) ? v.length : v;
          let shown;
          if (typeof n === 'number') shown = fmt.number(n);
          else if (typeof n === 'boolean') shown = pick(n ? { de: 'ja', en: 'yes' } : { de: 'nein', en: 'no' });
          else if (typeof n === 'string') shown = n;
          else shown = JSON.stringify(n);
          return `${label}: ${shown}`;
        })
        .join(', ');
    }

    // "tickets:znuny" → "Tickets (znuny)".
    function kindLabel(kind) {
      const [base, detail] = String(kind).split(':');
      const key = `privacy.kind.${base}`;
      const s = t(key);
      const label = s === key ? base : s;
      return detail ? `${label} (${detail})` : label;
    }

    async function deleteBefore(o) {
      const date = state.before.trim();
      const c = await ctx.api.call('privacy_count_tickets_before', { date });
      if (!c.ok) return;
      if (c.value === 0) { ctx.ui.messageBox(t('privacy.noneBefore', { date })); return; }
      const yes = await ctx.ui.confirm(t('privacy.confirm', { n: fmt.number(c.value), date, keep: o.backup_keep }), {
        title: t('privacy.confirmTitle'), confirmLabel: t('privacy.deleteDo'), danger: true,
      });
      if (!yes) return;
      const d = await ctx.api.call('privacy_delete_tickets_before', { date });
      if (!d.ok) return;
      ctx.ui.toast(d.value[0] === 1 ? t('privacy.deletedOne') : t('privacy.deleted', { n: fmt.number(d.value[0]) }));
      draw(d.value[1]);
    }

    function draw(o) {
      const persons = table('privacy-persons',
        [t('privacy.files'), t('privacy.columns'), t('privacy.handling'), t('privacy.action')],
        o.person_columns.map((p) => h('tr', {},
          h('td', {}, pick({ de: p.files_de, en: p.files_en })),
          h('td', {}, pick({ de: p.columns_de, en: p.columns_en })),
          h('td', {}, pick(HANDLING[p.handling] || { de: p.handling, en: p.handling })),
          h('td', {}, pick({ de: p.action_de, en: p.action_en })))));

      const log = o.import_log.length === 0
        ? h('p', { class: 'muted', id: 'privacy-log-empty' }, t('privacy.logEmpty'))
        : table('privacy-log',
          [t('privacy.time'), t('privacy.kind'), t('privacy.file'), t('privacy.sha'), t('privacy.counts')],
          o.import_log.map((e) => h('tr', {},
            h('td', {}, fmt.dateTime(e.imported_at)),
            h('td', {}, kindLabel(e.kind)),
            h('td', {}, e.file_name),
            h('td', { class: 'mono', title: e.sha256 }, e.sha256 ? `${e.sha256.slice(0, 16)}…` : '–'),
            h('td', {}, counts(e.summary)))));

      // The audit trail as XLSX (the same rows, from the core's export registry).
      const logExport = h('button', { id: 'privacy-log-export', class: 'btn btn-secondary', type: 'button' }, t('privacy.logExport'));
      logExport.addEventListener('click', async () => {
        const r = await ctx.api.call('report_table_export', { name: 'import-log', school: null });
        if (r.ok && r.value) ctx.ui.toast(t('privacy.logExported', { path: r.value.path }));
      });

      const input = h('input', {
        id: 'privacy-before', class: 'input', value: state.before, placeholder: 'TT.MM.JJJJ',
        'aria-label': t('privacy.before'),
      });
      input.addEventListener('input', () => { state.before = input.value; });
      const delBtn = h('button', { id: 'privacy-delete', class: 'btn btn-danger', type: 'button' }, t('privacy.deleteDo'));
      delBtn.addEventListener('click', () => deleteBefore(o));
      const retention = h('section', { class: 'card', id: 'privacy-retention' },
        h('h2', {}, t('privacy.retention')),
        h('p', { id: 'privacy-ticket-count' }, o.tickets > 0
          ? t('privacy.ticketsStored', { n: fmt.number(o.tickets), date: fmt.date(o.oldest_ticket) })
          : t('privacy.noTickets')),
        h('label', { for: 'privacy-before', class: 'privacy-label' }, t('privacy.before')),
        h('div', { class: 'toolbar' }, input, delBtn));

      const fields = o.tables.map((tb, i) => h('section', { class: 'privacy-table', id: `privacy-table-${tb.name}` },
        h('h3', {}, h('code', {}, tb.name), ' ', h('span', { class: 'muted' }, `· ${t('privacy.rows', { n: fmt.number(o.rows[i]) })}`)),
        h('p', { class: 'muted' }, pick({ de: tb.de, en: tb.en })),
        table(`privacy-fields-${tb.name}`, [t('privacy.column'), t('privacy.content'), t('privacy.personal')],
          tb.fields.map((f) => h('tr', { class: f.personal === 'no' ? '' : 'privacy-personal' },
            h('td', { class: 'mono' }, f.columns.join(', ')),
            h('td', {}, pick({ de: f.de, en: f.en })),
            h('td', {}, f.personal === 'no' ? '' : pick(HANDLING[f.personal])))))));

      mount(el, head,
        h('section', { class: 'card', id: 'privacy-persons-card' }, h('h2', {}, t('privacy.persons')), persons),
        retention,
        h('section', { class: 'card', id: 'privacy-log-card' },
          h('h2', {}, t('privacy.log')), h('p', { class: 'muted' }, t('privacy.logHint')), log,
          o.import_log.length === 0 ? '' : h('div', { class: 'screen-actions' }, logExport)),
        h('section', { class: 'card', id: 'privacy-fields' },
          h('h2', {}, t('privacy.fields')), h('p', { class: 'muted' }, t('privacy.fieldsHint')), ...fields));
    }
  },
};

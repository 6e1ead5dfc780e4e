// Schulen: the school register. Table (sortable, filterable), edit form incl. pupils per
// Jahrgang, add / delete, import of the NRW school directory with a choice of Schulträger.

import { h, mount, uid } from '../dom.js';

const strings = {
  de: {
    'schools.title': 'Schulen',
    'schools.subtitle': 'Schulregister des Schulträgers',
    'schools.summary': '{n} Schulen · {pupils} Schülerinnen und Schüler',
    'schools.shown': '{shown} von {n} Schulen angezeigt',
    'schools.filter': 'Suchen',
    'schools.filterPlaceholder': 'Name, Schulnummer, Ort …',
    'schools.allForms': 'Alle Schulformen',
    'schools.formFilter': 'Schulform',
    'schools.add': 'Schule hinzufügen',
    'schools.import': 'Schulverzeichnis importieren …',
    'schools.empty': 'Noch keine Schulen im Plan. Importieren Sie die Schulen Ihres Schulträgers aus dem NRW-Schulverzeichnis oder legen Sie eine Schule von Hand an.',
    'schools.noMatch': 'Keine Schule passt zur Suche.',
    'schools.col.nr': 'Schulnummer',
    'schools.col.name': 'Name',
    'schools.col.form': 'Schulform',
    'schools.col.pupils': 'Schüler',
    'schools.col.si': 'Sozialindex',
    'schools.col.ort': 'Ort',
    'schools.sortHint': 'sortieren',
    'schools.siNone': 'keiner',
    'schools.open': 'Schule {name} bearbeiten',
    'edit.titleNew': 'Schule hinzufügen',
    'edit.title': 'Schule bearbeiten',
    'edit.official': 'Stammdaten',
    'edit.officialHint': 'Aus dem NRW-Schulverzeichnis. Ein erneuter Import aktualisiert diese Angaben.',
    'edit.officialHintManual': 'Von Hand angelegt.',
    'edit.own': 'Eigene Angaben',
    'edit.ownHint': 'Bleiben bei einem erneuten Import erhalten.',
    'edit.grades': 'Schülerinnen und Schüler je Jahrgang',
    'edit.gradesHint': 'Leer lassen, wenn nicht bekannt: dann gilt die Gesamtzahl, gleichmäßig verteilt auf die Jahrgänge {from}–{to} der Schulform.',
    'edit.gradesSum': 'Summe der Jahrgänge: {sum}',
    'edit.gradesNone': 'Keine Jahrgangszahlen – es gilt die Gesamtzahl.',
    'edit.grade': 'Jg. {g}',
    'edit.gradeLabel': 'Jahrgang {g}',
    'f.schulnummer': 'Schulnummer',
    'f.name': 'Name',
    'f.name2': 'Namenszusatz',
    'f.schulform': 'Schulform',
    'f.pupils': 'Schüler gesamt',
    'f.sozialindex': 'Sozialindex',
    'f.siNone': '– keiner –',
    'f.strasse': 'Straße und Hausnummer',
    'f.plz': 'PLZ',
    'f.ort': 'Ort',
    'f.teachers': 'Lehrkräfte',
    'f.rooms': 'Unterrichtsräume',
    'f.classes': 'Klassen',
    'f.growth': 'Entwicklung der Schülerzahl (% pro Jahr)',
    'f.notes': 'Notizen',
    'f.email': 'E-Mail',
    'f.status': 'Rechtsstatus',
    'v.required': 'Bitte ausfüllen.',
    'v.integer': 'Bitte eine ganze Zahl ab 0 eingeben.',
    'v.number': 'Bitte eine Zahl eingeben (z. B. 1,5).',
    'v.growth': 'Bitte zwischen -50 und 50 eingeben.',
    'v.si': 'Bitte 1 bis 9 wählen.',
    'v.nr': 'Nur Ziffern (die Schulnummer des Landes, z. B. 100020).',
    'v.fix': 'Bitte die markierten Felder prüfen.',
    'edit.save': 'Speichern',
    'edit.delete': 'Löschen …',
    'edit.saved': 'Schule {name} gespeichert.',
    'edit.created': 'Schule {name} angelegt.',
    'del.title': 'Schule löschen',
    'del.text': 'Die Schule „{name}“ ({nr}) und alle Angaben zu ihr werden aus dem Plan gelöscht. Das kann nur über eine Sicherung rückgängig gemacht werden.',
    'del.do': 'Endgültig löschen',
    'del.done': 'Schule {name} gelöscht.',
    'imp.title': 'NRW-Schulverzeichnis importieren',
    'imp.intro': 'Wählen Sie die Datei des Schul- und Adressverzeichnisses (CSV mit ; oder , in UTF-8 oder Windows-1252, oder XLSX) und dann Ihren Schulträger. Schulen werden über die Schulnummer zugeordnet: amtliche Angaben werden aktualisiert, Ihre eigenen Angaben bleiben erhalten.',
    'imp.choose': 'Datei wählen …',
    'imp.file': 'Datei',
    'imp.noFile': 'Noch keine Datei gewählt.',
    'imp.traeger': 'Schulträger (Verwaltungsbezirk)',
    'imp.search': 'Schulträger suchen',
    'imp.searchPlaceholder': 'z. B. Köln oder 05315000',
    'imp.option': '{name} ({key}) – {n} Schulen',
    'imp.publicOnly': 'Nur öffentliche Schulen',
    'imp.willImport': 'Es werden {n} Schulen aus „{name}“ übernommen.',
    'imp.pick': 'Bitte einen Schulträger wählen.',
    'imp.do': 'Importieren',
    'imp.doneTitle': 'Import abgeschlossen',
    'imp.added': 'Neu hinzugefügt',
    'imp.updated': 'Aktualisiert',
    'imp.unchanged': 'Unverändert',
    'imp.removed': 'Nicht mehr im Verzeichnis',
    'imp.removedHint': 'Diese Schulen stehen nicht mehr im Verzeichnis. Sie bleiben im Plan, bis Sie sie selbst löschen: {list}',
    'imp.pupils': 'Schüler der importierten Schulen: {n}',
    'attribution': 'Datenquelle',
  },
  en: {
    'schools.title': 'Schools',
    'schools.subtitle': 'School register of the school authority',
    'schools.summary': '{n} schools · {pupils} pupils',
    'schools.shown': '{shown} of {n} schools shown',
    'schools.filter': 'Search',
    'schools.filterPlaceholder': 'Name, school number, town …',
    'schools.allForms': 'All school types',
    'schools.formFilter': 'School type',
    'schools.add': 'Add school',
    'schools.import': 'Import school directory …',
    'schools.empty': 'No schools in this plan yet. Import the schools of your authority from the NRW school directory or add a school by hand.',
    'schools.noMatch': 'No school matches the search.',
    'schools.col.nr': 'School no.',
    'schools.col.name': 'Name',
    'schools.col.form': 'School type',
    'schools.col.pupils': 'Pupils',
    'schools.col.si': 'Social index',
    'schools.col.ort': 'Town',
    'schools.sortHint': 'sort',
    'schools.siNone': 'none',
    'schools.open': 'Edit school {name}',
    'edit.titleNew': 'Add school',
    'edit.title': 'Edit school',
    'edit.official': 'Official data',
    'edit.officialHint': 'From the NRW school directory. A new import updates these fields.',
    'edit.officialHintManual': 'Entered by hand.',
    'edit.own': 'Your data',
    'edit.ownHint': 'Kept when the directory is imported again.',
    'edit.grades': 'Pupils per grade',
    'edit.gradesHint': 'Leave empty if unknown: then the total is used, spread evenly over grades {from}–{to} of the school type.',
    'edit.gradesSum': 'Sum of grades: {sum}',
    'edit.gradesNone': 'No per-grade figures – the total is used.',
    'edit.grade': 'Gr. {g}',
    'edit.gradeLabel': 'Grade {g}',
    'f.schulnummer': 'School number',
    'f.name': 'Name',
    'f.name2': 'Name suffix',
    'f.schulform': 'School type',
    'f.pupils': 'Pupils total',
    'f.sozialindex': 'Social index',
    'f.siNone': '– none –',
    'f.strasse': 'Street and number',
    'f.plz': 'Postcode',
    'f.ort': 'Town',
    'f.teachers': 'Teachers',
    'f.rooms': 'Classrooms',
    'f.classes': 'Classes',
    'f.growth': 'Change in pupil numbers (% per year)',
    'f.notes': 'Notes',
    'f.email': 'E-mail',
    'f.status': 'Legal status',
    'v.required': 'Please fill in.',
    'v.integer': 'Please enter a whole number from 0.',
    'v.number': 'Please enter a number (e.g. 1,5).',
    'v.growth': 'Please enter a value between -50 and 50.',
    'v.si': 'Please choose 1 to 9.',
    'v.nr': 'Digits only (the official school number, e.g. 100020).',
    'v.fix': 'Please check the marked fields.',
    'edit.save': 'Save',
    'edit.delete': 'Delete …',
    'edit.saved': 'School {name} saved.',
    'edit.created': 'School {name} added.',
    'del.title': 'Delete school',
    'del.text': 'The school “{name}” ({nr}) and all its data are deleted from the plan. Only a backup can undo this.',
    'del.do': 'Delete for good',
    'del.done': 'School {name} deleted.',
    'imp.title': 'Import NRW school directory',
    'imp.intro': 'Choose the file of the school directory (CSV with ; or , in UTF-8 or Windows-1252, or XLSX) and then your school authority. Schools are matched by school number: official fields are updated, your own fields are kept.',
    'imp.choose': 'Choose file …',
    'imp.file': 'File',
    'imp.noFile': 'No file chosen yet.',
    'imp.traeger': 'School authority (district)',
    'imp.search': 'Search school authority',
    'imp.searchPlaceholder': 'e.g. Köln or 05315000',
    'imp.option': '{name} ({key}) – {n} schools',
    'imp.publicOnly': 'Public schools only',
    'imp.willImport': '{n} schools of “{name}” will be imported.',
    'imp.pick': 'Please choose a school authority.',
    'imp.do': 'Import',
    'imp.doneTitle': 'Import finished',
    'imp.added': 'Added',
    'imp.updated': 'Updated',
    'imp.unchanged': 'Unchanged',
    'imp.removed': 'No longer in directory',
    'imp.removedHint': 'These schools are no longer in the directory. They stay in the plan until you delete them: {list}',
    'imp.pupils': 'Pupils of the imported schools: {n}',
    'attribution': 'Data source',
  },
};

const SCHULFORMEN = [
  'Grundschule', 'Hauptschule', 'Realschule', 'Sekundarschule', 'Gesamtschule', 'Gymnasium',
  'PRIMUS-Schule', 'Freie Waldorfschule', 'Förderschule', 'Förderschule im Bereich Berufskolleg',
  'Berufskolleg', 'Weiterbildungskolleg',
];

const COLUMNS = [
  { key: 'schulnummer', label: 'schools.col.nr', cls: 'col-nr mono' },
  { key: 'display_name', label: 'schools.col.name', cls: 'col-name' },
  { key: 'schulform', label: 'schools.col.form', cls: 'col-form' },
  { key: 'pupils_total', label: 'schools.col.pupils', cls: 'col-pupils num', numeric: true },
  { key: 'sozialindex', label: 'schools.col.si', cls: 'col-si num', numeric: true },
  { key: 'ort', label: 'schools.col.ort', cls: 'col-ort' },
];

// Survives re-renders (language switch, returning to the screen).
const view = { sort: { key: 'schulnummer', dir: 1 }, filter: '', form: '' };

/** Orders by `key` in direction `dir` (1 / -1); empty values last in both directions. */
function compare(a, b, key, numeric, dir = 1) {
  const x = a[key];
  const y = b[key];
  const nx = x === null || x === undefined || x === '';
  const ny = y === null || y === undefined || y === '';
  if (nx || ny) return nx && ny ? 0 : nx ? 1 : -1;
  if (numeric) return dir * (x - y);
  return dir * String(x).localeCompare(String(y), 'de', { sensitivity: 'base', numeric: true });
}

function matches(s, q) {
  if (!q) return true;
  const hay = `${s.schulnummer} ${s.display_name} ${s.schulform} ${s.ort} ${s.plz}`.toLowerCase();
  return q.toLowerCase().split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}

export default {
  id: 'schools',
  icon: 'schools',
  title: { de: 'Schulen', en: 'Schools' },
  strings,

  async render(el, ctx) {
    const { t, fmt } = ctx;
    let schools = [];

    const countLine = h('p', { class: 'screen-sub', id: 'schools-summary' });
    const filterInput = h('input', {
      type: 'search', id: 'schools-filter', class: 'input', value: view.filter,
      placeholder: t('schools.filterPlaceholder'), 'aria-label': t('schools.filter'), autocomplete: 'off',
    });
    const formSelect = h('select', { id: 'schools-form-filter', class: 'input', 'aria-label': t('schools.formFilter') });
    el.classList.add('screen-fill');
    const table = h('table', { class: 'data-table', id: 'schools-table' });
    const tableWrap = h('div', { class: 'table-wrap' }, table);
    const shownLine = h('p', { class: 'table-foot muted', id: 'schools-shown', 'aria-live': 'polite' });
    const attribution = h('p', { class: 'attribution', id: 'schools-attribution' },
      h('strong', {}, `${t('attribution')}: `), ctx.plan.attribution);

    mount(el,
      h('header', { class: 'screen-head' },
        h('div', {},
          h('h1', {}, t('schools.title')),
          countLine),
        h('div', { class: 'screen-actions' },
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'schools-import', onclick: () => importDialog() }, t('schools.import')),
          h('button', { type: 'button', class: 'btn btn-primary', id: 'schools-add', onclick: () => editor(null) }, t('schools.add')))),
      h('div', { class: 'toolbar' },
        h('label', { class: 'search' }, h('span', { class: 'sr-only' }, t('schools.filter')), filterInput),
        formSelect),
      tableWrap,
      shownLine,
      attribution);

    filterInput.addEventListener('input', () => { view.filter = filterInput.value; renderRows(); });
    formSelect.addEventListener('change', () => { view.form = formSelect.value; renderRows(); });

    async function load() {
      const r = await ctx.api.call('schools_list');
      if (!r.ok) return;
      schools = r.value;
      const forms = [...new Set(schools.map((s) => s.schulform))].sort((a, b) => a.localeCompare(b, 'de'));
      if (view.form && !forms.includes(view.form)) view.form = '';
      mount(formSelect,
        h('option', { value: '' }, t('schools.allForms')),
        forms.map((f) => h('option', { value: f }, f)));
      formSelect.value = view.form;
      const pupils = schools.reduce((a, s) => a + (s.pupils_total || 0), 0);
      countLine.textContent = t('schools.summary', { n: fmt.number(schools.length), pupils: fmt.number(pupils) });
      renderRows();
    }

    function header() {
      return h('thead', {}, h('tr', {}, COLUMNS.map((c) => {
        const active = view.sort.key === c.key;
        const sortState = active ? (view.sort.dir > 0 ? 'ascending' : 'descending') : 'none';
        return h('th', { scope: 'col', class: c.cls, 'aria-sort': sortState },
          h('button', {
            type: 'button', class: 'sort-btn', id: `sort-${c.key}`,
            title: `${t(c.label)} – ${t('schools.sortHint')}`,
            onclick: () => {
              if (view.sort.key === c.key) view.sort.dir = -view.sort.dir;
              else view.sort = { key: c.key, dir: 1 };
              renderRows();
              const b = table.querySelector(`#sort-${c.key}`);
              if (b) b.focus();
            },
          }, t(c.label), h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (view.sort.dir > 0 ? '▲' : '▼') : '')));
      })));
    }

    function siCell(si) {
      if (si === null || si === undefined) return h('span', { class: 'si si-none', title: t('schools.siNone') }, '–');
      return h('span', { class: `si si-${si}` }, String(si));
    }

    function renderRows() {
      const rows = schools
        .filter((s) => matches(s, view.filter) && (!view.form || s.schulform === view.form))
        .sort((a, b) => {
          const c = COLUMNS.find((x) => x.key === view.sort.key);
          return compare(a, b, view.sort.key, c && c.numeric, view.sort.dir)
            || compare(a, b, 'schulnummer', false);
        });
      const body = h('tbody', {}, rows.map((s) => {
        const tr = h('tr', {
          tabindex: '0', class: 'row-link', dataset: { schulnummer: s.schulnummer },
          'aria-label': t('schools.open', { name: s.display_name }),
          onclick: () => editor(s),
          onkeydown: (ev) => {
            if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); editor(s); }
            else if (ev.key === 'ArrowDown' && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
            else if (ev.key === 'ArrowUp' && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
          },
        },
        h('td', { class: 'col-nr mono' }, s.schulnummer),
        h('td', { class: 'col-name', title: s.display_name }, s.display_name),
        h('td', { class: 'col-form' }, s.schulform),
        h('td', { class: 'col-pupils num' }, fmt.number(s.pupils_total)),
        h('td', { class: 'col-si num' }, siCell(s.sozialindex)),
        h('td', { class: 'col-ort' }, s.ort));
        return tr;
      }));
      mount(table, header(), body);
      if (!schools.length) {
        body.appendChild(h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'empty-row' },
          h('p', {}, t('schools.empty')),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'btn btn-primary', id: 'schools-empty-import', onclick: () => importDialog() }, t('schools.import')),
            h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => editor(null) }, t('schools.add'))))));
      } else if (!rows.length) {
        body.appendChild(h('tr', {}, h('td', { colspan: String(COLUMNS.length), class: 'empty-row' }, t('schools.noMatch'))));
      }
      shownLine.textContent = t('schools.shown', { shown: fmt.number(rows.length), n: fmt.number(schools.length) });
    }

    // ------------------------------------------------------------ edit form

    async function editor(summary) {
      let school = null;
      if (summary) {
        const r = await ctx.api.call('schools_get', { schulnummer: summary.schulnummer });
        if (!r.ok) return;
        school = r.value;
      }
      const isNew = !school;
      const s = school || {
        schulnummer: '', name: '', name_2: '', schulform: '', pupils: null, sozialindex: null, strasse: '',
        plz: '', ort: '', teachers: null, rooms: null, classes: null, pupil_growth_pct: 0, notes: '',
        grades: Array(13).fill(null), source: 'manual', grade_range: [1, 4],
      };
      const fields = {};
      const errorBox = h('div', { class: 'alert alert-error', role: 'alert', id: 'edit-error', hidden: true });

      function field(key, label, input, { hint, wide } = {}) {
        const id = `f-${key}`;
        input.id = id;
        const err = h('span', { class: 'field-error', id: `${id}-err` });
        input.setAttribute('aria-describedby', `${id}-err`);
        fields[key] = { input, err };
        return h('div', { class: `field${wide ? ' field-wide' : ''}` },
          h('label', { for: id }, label),
          input,
          hint ? h('span', { class: 'field-hint' }, hint) : null,
          err);
      }
      const text = (v, attrs = {}) => h('input', { type: 'text', class: 'input', value: v ?? '', autocomplete: 'off', ...attrs });
      const num = (v, attrs = {}) => text(v === null || v === undefined ? '' : fmt.number(v, 0).replace(/\./g, ''), { inputmode: 'numeric', class: 'input input-num', ...attrs });

      const si = h('select', { class: 'input' },
        h('option', { value: '' }, t('f.siNone')),
        [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => h('option', { value: String(i) }, String(i))));
      si.value = s.sozialindex ? String(s.sozialindex) : '';
      const formList = uid('schulformen');
      const schulform = text(s.schulform, { list: formList, required: true });
      const notes = h('textarea', { class: 'input', rows: '3' }, s.notes || '');

      const gradeInputs = [];
      const gradeSum = h('p', { class: 'field-hint', id: 'grades-sum', 'aria-live': 'polite' });
      const gradeHint = h('p', { class: 'field-hint' });
      function updateGradeHint() {
        const form = schulform.value.trim();
        const [from, to] = guessRange(form, s);
        gradeHint.textContent = t('edit.gradesHint', { from, to });
        gradeInputs.forEach((inp, i) => inp.closest('.grade').classList.toggle('grade-out', i + 1 < from || i + 1 > to));
        const vals = gradeInputs.map((inp) => fmt.parseInteger(inp.value));
        const given = vals.filter((v) => v !== null && !Number.isNaN(v));
        gradeSum.textContent = given.length
          ? t('edit.gradesSum', { sum: fmt.number(given.reduce((a, b) => a + b, 0)) })
          : t('edit.gradesNone');
      }
      const gradeGrid = h('div', { class: 'grade-grid' }, Array.from({ length: 13 }, (_, i) => {
        const g = i + 1;
        const id = `f-grade-${g}`;
        const inp = num((s.grades || [])[i], { id, 'aria-label': t('edit.gradeLabel', { g }), oninput: updateGradeHint });
        gradeInputs.push(inp);
        return h('div', { class: 'grade' }, h('label', { for: id }, t('edit.grade', { g })), inp);
      }));
      schulform.addEventListener('input', updateGradeHint);

      const official = h('fieldset', { class: 'form-section' },
        h('legend', {}, t('edit.official')),
        h('p', { class: 'section-hint' }, s.source === 'directory' ? t('edit.officialHint') : t('edit.officialHintManual')),
        h('div', { class: 'form-grid' },
          field('schulnummer', t('f.schulnummer'), text(s.schulnummer, { readonly: !isNew, inputmode: 'numeric', required: true, class: `input mono${isNew ? '' : ' input-readonly'}` })),
          field('schulform', t('f.schulform'), schulform),
          field('name', t('f.name'), text(s.name, { required: true }), { wide: true }),
          s.name_2 ? h('div', { class: 'field field-wide' }, h('span', { class: 'label' }, t('f.name2')), h('span', { class: 'static' }, s.name_2)) : null,
          field('pupils', t('f.pupils'), num(s.pupils)),
          field('sozialindex', t('f.sozialindex'), si),
          field('strasse', t('f.strasse'), text(s.strasse), { wide: true }),
          field('plz', t('f.plz'), text(s.plz, { inputmode: 'numeric' })),
          field('ort', t('f.ort'), text(s.ort))),
        h('datalist', { id: formList }, SCHULFORMEN.map((f) => h('option', { value: f }))));
      const own = h('fieldset', { class: 'form-section' },
        h('legend', {}, t('edit.own')),
        h('p', { class: 'section-hint' }, t('edit.ownHint')),
        h('div', { class: 'form-grid form-grid-3' },
          field('teachers', t('f.teachers'), num(s.teachers)),
          field('rooms', t('f.rooms'), num(s.rooms)),
          field('classes', t('f.classes'), num(s.classes)),
          field('growth', t('f.growth'), text(fmt.number(s.pupil_growth_pct, 1), { inputmode: 'decimal', class: 'input input-num' }), { wide: true }),
          field('notes', t('f.notes'), notes, { wide: true })));
      const grades = h('fieldset', { class: 'form-section form-section-full' },
        h('legend', {}, t('edit.grades')),
        gradeHint,
        gradeGrid,
        gradeSum);
      updateGradeHint();

      function collect() {
        let ok = true;
        for (const f of Object.values(fields)) {
          f.err.textContent = '';
          f.input.removeAttribute('aria-invalid');
        }
        gradeInputs.forEach((g) => g.removeAttribute('aria-invalid'));
        const bad = (key, msg) => {
          ok = false;
          fields[key].err.textContent = msg;
          fields[key].input.setAttribute('aria-invalid', 'true');
        };
        const int = (key) => {
          const v = fmt.parseInteger(fields[key].input.value);
          if (Number.isNaN(v) || (v !== null && v < 0)) { bad(key, t('v.integer')); return null; }
          return v;
        };
        const nr = fields.schulnummer.input.value.trim();
        if (!/^\d{1,12}$/.test(nr)) bad('schulnummer', t('v.nr'));
        const name = fields.name.input.value.trim();
        if (!name) bad('name', t('v.required'));
        const form = schulform.value.trim();
        if (!form) bad('schulform', t('v.required'));
        let growth = fmt.parseNumber(fields.growth.input.value);
        if (growth === null) growth = 0;
        if (Number.isNaN(growth)) bad('growth', t('v.number'));
        else if (Math.abs(growth) > 50) bad('growth', t('v.growth'));
        const gradesVals = gradeInputs.map((inp) => {
          const v = fmt.parseInteger(inp.value);
          if (Number.isNaN(v) || (v !== null && v < 0)) {
            ok = false;
            inp.setAttribute('aria-invalid', 'true');
            return null;
          }
          return v;
        });
        const input = {
          name,
          schulform: form,
          pupils: int('pupils'),
          sozialindex: si.value ? Number(si.value) : null,
          strasse: fields.strasse.input.value.trim(),
          plz: fields.plz.input.value.trim(),
          ort: fields.ort.input.value.trim(),
          teachers: int('teachers'),
          rooms: int('rooms'),
          classes: int('classes'),
          pupil_growth_pct: Number.isNaN(growth) ? 0 : growth,
          notes: notes.value,
          grades: gradesVals,
        };
        return ok ? { nr, input } : null;
      }

      function showError(msg) {
        errorBox.textContent = msg;
        errorBox.hidden = false;
        errorBox.scrollIntoView({ block: 'nearest' });
      }

      const title = isNew ? t('edit.titleNew') : `${t('edit.title')}: ${s.display_name || s.name}`;
      const buttons = [];
      if (!isNew) buttons.push({ label: t('edit.delete'), kind: 'danger-quiet', align: 'start', id: 'edit-delete', value: 'delete' });
      buttons.push({ label: t('dlg.cancel'), kind: 'secondary', value: undefined, id: 'edit-cancel' });
      buttons.push({ label: t('edit.save'), kind: 'primary', submit: true, value: 'saved', id: 'edit-save' });

      const result = await ctx.ui.modal({
        title,
        size: 'wide',
        id: 'school-editor',
        initialFocus: isNew ? '#f-schulnummer' : '#f-name',
        body: h('div', { class: 'school-form' }, errorBox, h('div', { class: 'form-columns' }, official, own), grades),
        buttons,
        onSubmit: async () => {
          const data = collect();
          if (!data) { showError(t('v.fix')); return false; }
          try {
            const saved = isNew
              ? await ctx.api.invoke('schools_create', { schulnummer: data.nr, school: data.input })
              : await ctx.api.invoke('schools_update', { schulnummer: s.schulnummer, school: data.input });
            ctx.ui.toast(t(isNew ? 'edit.created' : 'edit.saved', { name: saved.display_name }));
            return true;
          } catch (e) {
            showError(e.message);
            return false;
          }
        },
      });
      if (result === 'delete') {
        const yes = await ctx.ui.confirm(t('del.text', { name: s.display_name, nr: s.schulnummer }), {
          title: t('del.title'), confirmLabel: t('del.do'), danger: true,
        });
        if (yes) {
          const r = await ctx.api.call('schools_delete', { schulnummer: s.schulnummer });
          if (r.ok) ctx.ui.toast(t('del.done', { name: s.display_name }));
        }
      }
      if (result === 'saved' || result === 'delete') {
        await load();
        ctx.refreshPlan();
        const row = table.querySelector(`tr[data-schulnummer="${CSS.escape(s.schulnummer)}"]`);
        if (row) row.focus();
      }
    }

    // ------------------------------------------------------------ import

    async function importDialog() {
      let choice = null;
      const fileLine = h('p', { class: 'muted', id: 'import-file' }, t('imp.noFile'));
      const search = h('input', {
        type: 'search', class: 'input', id: 'import-search', placeholder: t('imp.searchPlaceholder'),
        'aria-label': t('imp.search'), disabled: true, autocomplete: 'off',
      });
      const select = h('select', { class: 'input traeger-list', id: 'import-traeger', size: '8', disabled: true, 'aria-label': t('imp.traeger') });
      const publicOnly = h('input', { type: 'checkbox', id: 'import-public' });
      const willImport = h('p', { class: 'field-hint', id: 'import-count', 'aria-live': 'polite' });
      const errorBox = h('div', { class: 'alert alert-error', role: 'alert', id: 'import-error', hidden: true });

      function fillOptions() {
        const q = search.value.trim().toLowerCase();
        const keep = select.value;
        const opts = (choice ? choice.traeger : [])
          .map((d, i) => ({ d, i }))
          .filter(({ d }) => !q || d.verwaltungsbezirk.toLowerCase().includes(q) || d.gemeindeschluessel.includes(q));
        mount(select, opts.map(({ d, i }) => h('option', { value: String(i) },
          t('imp.option', { name: d.verwaltungsbezirk, key: d.gemeindeschluessel, n: fmt.number(d.schools) }))));
        if (opts.some(({ i }) => String(i) === keep)) select.value = keep;
        else if (opts.length === 1) select.value = String(opts[0].i);
        updateCount();
      }
      function chosen() {
        return choice && select.value !== '' ? choice.traeger[Number(select.value)] : null;
      }
      function updateCount() {
        const d = chosen();
        willImport.textContent = d
          ? t('imp.willImport', { n: fmt.number(publicOnly.checked ? d.public_schools : d.schools), name: d.verwaltungsbezirk })
          : '';
      }
      search.addEventListener('input', fillOptions);
      select.addEventListener('change', updateCount);
      publicOnly.addEventListener('change', updateCount);

      async function chooseFile() {
        errorBox.hidden = true;
        let r;
        try {
          r = await ctx.api.invoke('schools_import_choose_file');
        } catch (e) {
          errorBox.textContent = e.message;
          errorBox.hidden = false;
          return;
        }
        if (!r) return;
        choice = r;
        fileLine.textContent = `${t('imp.file')}: ${r.file_name}`;
        fileLine.title = r.path;
        search.disabled = false;
        select.disabled = false;
        fillOptions();
        if (r.suggested !== null && r.suggested !== undefined) select.value = String(r.suggested);
        updateCount();
        (select.value ? select : search).focus();
      }

      let summary = null;
      const body = h('div', { class: 'import-form' },
        h('p', {}, t('imp.intro')),
        errorBox,
        h('div', { class: 'file-row' },
          h('button', { type: 'button', class: 'btn btn-secondary', id: 'import-choose', onclick: chooseFile }, t('imp.choose')),
          fileLine),
        h('div', { class: 'field field-wide' },
          h('label', { for: 'import-traeger' }, t('imp.traeger')),
          search,
          select,
          willImport),
        h('div', { class: 'check' }, publicOnly, h('label', { for: 'import-public' }, t('imp.publicOnly'))),
        h('p', { class: 'attribution' }, h('strong', {}, `${t('attribution')}: `), ctx.plan.attribution));

      const res = await ctx.ui.modal({
        title: t('imp.title'),
        size: 'wide',
        id: 'import-dialog',
        initialFocus: '#import-choose',
        body,
        buttons: [
          { label: t('dlg.cancel'), kind: 'secondary', value: undefined },
          { label: t('imp.do'), kind: 'primary', submit: true, value: 'done', id: 'import-do' },
        ],
        onSubmit: async () => {
          const d = chosen();
          if (!choice || !d) {
            errorBox.textContent = choice ? t('imp.pick') : t('imp.noFile');
            errorBox.hidden = false;
            return false;
          }
          try {
            summary = await ctx.api.invoke('schools_import', {
              path: choice.path,
              verwaltungsbezirk: d.verwaltungsbezirk,
              gemeindeschluessel: d.gemeindeschluessel,
              publicOnly: publicOnly.checked,
            });
            return true;
          } catch (e) {
            errorBox.textContent = e.message;
            errorBox.hidden = false;
            return false;
          }
        },
      });
      if (res !== 'done' || !summary) return;
      await load();
      await ctx.refreshPlan();
      const stat = (key, n, id) => h('div', { class: 'stat', id }, h('span', { class: 'stat-value' }, fmt.number(n)), h('span', { class: 'stat-label' }, t(key)));
      await ctx.ui.modal({
        title: t('imp.doneTitle'),
        id: 'import-summary',
        body: h('div', {},
          h('div', { class: 'stats' },
            stat('imp.added', summary.added, 'sum-added'),
            stat('imp.updated', summary.updated, 'sum-updated'),
            stat('imp.unchanged', summary.unchanged, 'sum-unchanged'),
            stat('imp.removed', summary.removed_from_source, 'sum-removed')),
          h('p', {}, t('imp.pupils', { n: fmt.number(summary.pupils_total) })),
          summary.removed_from_source
            ? h('p', { class: 'alert alert-warn' }, t('imp.removedHint', { list: summary.removed_schulnummern.join(', ') }))
            : null),
        buttons: [{ label: t('dlg.ok'), kind: 'primary', submit: true, value: true, id: 'import-summary-ok' }],
      });
    }

    await load();
    return () => {};
  },
};

/** Jahrgänge of a school form (mirrors schulit_core::schools::grade_range for the live hint). */
function guessRange(form, school) {
  if (school && school.grade_range && form === school.schulform) return school.grade_range;
  const f = form.toLowerCase();
  if (f.includes('primus') || f.includes('waldorf')) return [1, 13];
  if (f.startsWith('förderschule')) return f.includes('berufskolleg') ? [11, 13] : [1, 10];
  if (f.includes('grundschule') || f === 'volksschule') return [1, 4];
  if (f.includes('gymnasium') || f.includes('gesamtschule')) return [5, 13];
  if (f.includes('hauptschule') || f.includes('realschule') || f.includes('sekundarschule')) return [5, 10];
  if (f.includes('berufskolleg') || f.includes('weiterbildungskolleg')) return [11, 13];
  return [5, 10];
}

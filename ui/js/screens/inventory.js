// Bestand: the inventory cohorts of one school or all (category, purchase year, units, age,
// within or past the category's useful life), totals per category, editing by hand with the
// core's field messages, XLSX export (registered table `inventory`) and the import of asset
// exports (Snipe-IT, GLPI, i-doit, template) with a column mapping. Nothing is computed here.

import { h, mount, clear } from '../dom.js';
import { sortableTable } from '../widgets.js';
import { openInventoryImport } from './inventory_import.js';

const strings = {
  de: {
    'inv.title': 'Bestand',
    'inv.subtitle': 'Geräte je Schule, Kategorie und Anschaffungsjahr – Grundlage des Ersatzbedarfs',
    'inv.import': 'Bestand importieren …',
    'inv.add': 'Kohorte hinzufügen …',
    'inv.export': 'Als Excel exportieren …',
    'inv.exported': 'Exportiert: {path}',
    'inv.school': 'Schule',
    'inv.allSchools': 'Alle Schulen',
    'inv.units': 'Geräte',
    'inv.within': 'In Nutzungsdauer',
    'inv.past': 'Über Nutzungsdauer',
    'inv.cohorts': 'Kohorten',
    'inv.count': '{n} Kohorten · Alter und Nutzungsdauer für {year} (eine Kohorte zählt bis Anschaffungsjahr + Nutzungsdauer − 1)',
    'inv.totals': 'Summen je Kategorie',
    'inv.total': 'Summe',
    'inv.col.school': 'Schule',
    'inv.col.category': 'Kategorie',
    'inv.col.year': 'Anschaffung',
    'inv.col.units': 'Anzahl',
    'inv.col.age': 'Alter',
    'inv.col.life': 'Nutzungsdauer',
    'inv.col.source': 'Herkunft',
    'inv.col.note': 'Notiz',
    'inv.age': '{n} J.',
    'inv.ageOne': '1 J.',
    'inv.lifeWithin': 'bis {end}',
    'inv.lifePast': 'abgelaufen seit {end}',
    'inv.lifeNone': 'nicht im Katalog',
    'inv.empty': 'Kein Bestand erfasst. Importieren Sie eine Liste aus Snipe-IT, GLPI, i-doit oder der Vorlage, oder legen Sie Kohorten von Hand an.',
    'inv.editTitle': 'Kohorte bearbeiten',
    'inv.addTitle': 'Kohorte hinzufügen',
    'inv.f.school': 'Schule',
    'inv.f.category': 'Kategorie',
    'inv.f.year': 'Anschaffungsjahr',
    'inv.f.units': 'Anzahl (Stück)',
    'inv.f.note': 'Notiz',
    'inv.f.source': 'Herkunft: {source}',
    'inv.pick': '– bitte wählen –',
    'inv.needInt': 'Bitte eine ganze Zahl eingeben.',
    'inv.needPick': 'Bitte auswählen.',
    'inv.save': 'Speichern',
    'inv.cancel': 'Abbrechen',
    'inv.delete': 'Löschen',
    'inv.deleteAsk': 'Kohorte {category} {year} ({units} Stück) von {school} löschen?',
    'inv.saved': 'Gespeichert.',
    'inv.deleted': 'Gelöscht.',
    'src.manual': 'Handeingabe',
    'src.demo': 'Demo-Daten',
    'src.snipeit': 'Snipe-IT',
    'src.glpi': 'GLPI',
    'src.idoit': 'i-doit',
    'src.template': 'Vorlage',
  },
  en: {
    'inv.title': 'Inventory',
    'inv.subtitle': 'Devices per school, category and purchase year – the basis of replacements',
    'inv.import': 'Import inventory …',
    'inv.add': 'Add cohort …',
    'inv.export': 'Export to Excel …',
    'inv.exported': 'Exported: {path}',
    'inv.school': 'School',
    'inv.allSchools': 'All schools',
    'inv.units': 'Devices',
    'inv.within': 'Within useful life',
    'inv.past': 'Past useful life',
    'inv.cohorts': 'Cohorts',
    'inv.count': '{n} cohorts · age and useful life for {year} (a cohort counts until purchase year + life − 1)',
    'inv.totals': 'Totals per category',
    'inv.total': 'Total',
    'inv.col.school': 'School',
    'inv.col.category': 'Category',
    'inv.col.year': 'Purchased',
    'inv.col.units': 'Units',
    'inv.col.age': 'Age',
    'inv.col.life': 'Useful life',
    'inv.col.source': 'Source',
    'inv.col.note': 'Note',
    'inv.age': '{n} yrs',
    'inv.ageOne': '1 yr',
    'inv.lifeWithin': 'until {end}',
    'inv.lifePast': 'past since {end}',
    'inv.lifeNone': 'not in catalogue',
    'inv.empty': 'No inventory yet. Import a list from Snipe-IT, GLPI, i-doit or the template, or add cohorts by hand.',
    'inv.editTitle': 'Edit cohort',
    'inv.addTitle': 'Add cohort',
    'inv.f.school': 'School',
    'inv.f.category': 'Category',
    'inv.f.year': 'Purchase year',
    'inv.f.units': 'Units',
    'inv.f.note': 'Note',
    'inv.f.source': 'Source: {source}',
    'inv.pick': '– please choose –',
    'inv.needInt': 'Please enter a whole number.',
    'inv.needPick': 'Please choose.',
    'inv.save': 'Save',
    'inv.cancel': 'Cancel',
    'inv.delete': 'Delete',
    'inv.deleteAsk': 'Delete cohort {category} {year} ({units} units) of {school}?',
    'inv.saved': 'Saved.',
    'inv.deleted': 'Deleted.',
    'src.manual': 'Entered by hand',
    'src.demo': 'Demo data',
    'src.template': 'Template',
  },
};

// Survives re-renders: the selected school ('' = all).
const state = { school: '' };

/** A category label without its parenthesis ("Schüler-Tablet (mit Hülle, Stift)" → "Schüler-Tablet"); the full label is the tooltip. */
function shortLabel(l) {
  const s = String(l || '').replace(/\s*\([^)]*\)\s*$/, '');
  return s || l;
}

/** The short label with a line-break chance after each "/" (narrow column headers). */
function headLabel(l) {
  return shortLabel(l).replace(/\//g, '/\u200b');
}

function sourceLabel(t, s) {
  const key = `src.${s}`;
  const l = t(key);
  return l === key ? s : l;
}

export default {
  id: 'inventory',
  icon: 'inventory',
  title: { de: 'Bestand', en: 'Inventory' },
  strings,
  async render(el, ctx) {
    const { t, fmt } = ctx;
    const body = h('div', { class: 'inv-body', id: 'inventory-body' });
    const schoolSel = h('select', { class: 'input', id: 'inventory-school' });
    const importBtn = h('button', { type: 'button', class: 'btn btn-primary', id: 'inventory-import' }, t('inv.import'));
    const addBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inventory-add' }, t('inv.add'));
    const exportBtn = h('button', { type: 'button', class: 'btn btn-secondary', id: 'inventory-export' }, t('inv.export'));
    el.classList.add('screen-fill');
    const actions = h('div', { class: 'screen-actions inv-actions' }, importBtn, addBtn, exportBtn);
    mount(el,
      h('header', { class: 'screen-head' },
        h('div', {}, h('h1', {}, t('inv.title')), h('p', { class: 'screen-sub' }, t('inv.subtitle')))),
      body);

    let view = null;

    const load = async () => {
      let r = await ctx.api.call('inventory_screen', { school: state.school || null });
      if (!r.ok && state.school) {
        state.school = '';
        r = await ctx.api.call('inventory_screen', { school: null });
      }
      if (!r.ok) return;
      view = r.value;
      draw();
    };

    schoolSel.addEventListener('change', () => {
      state.school = schoolSel.value;
      load();
    });
    importBtn.addEventListener('click', async () => {
      const s = await openInventoryImport(ctx);
      if (s) await load();
    });
    addBtn.addEventListener('click', () => editor(null));
    exportBtn.addEventListener('click', async () => {
      const r = await ctx.api.call('report_table_export', { name: 'inventory', school: state.school || null });
      if (r.ok && r.value) ctx.ui.toast(t('inv.exported', { path: r.value.path }));
    });

    function draw() {
      const v = view;
      clear(schoolSel);
      schoolSel.appendChild(h('option', { value: '' }, t('inv.allSchools')));
      for (const [nr, name] of v.schools) {
        schoolSel.appendChild(h('option', { value: nr, selected: nr === state.school }, `${nr} – ${name}`));
      }
      schoolSel.value = state.school;

      const columns = [
        state.school ? null : {
          key: 'school', label: t('inv.col.school'), cls: 'inv-col-school',
          sortValue: (r) => r.school_name,
          format: (_, r) => h('span', { title: `${r.schulnummer} – ${r.school_name}` }, r.school_name || r.schulnummer),
        },
        {
          key: 'category_label', label: t('inv.col.category'), cls: 'inv-col-cat',
          format: (l) => h('span', { title: l }, shortLabel(l)),
        },
        { key: 'purchase_year', label: t('inv.col.year'), numeric: true, cls: 'inv-col-year' },
        { key: 'units', label: t('inv.col.units'), numeric: true, cls: 'inv-col-units', format: (x) => fmt.number(x) },
        { key: 'age', label: t('inv.col.age'), numeric: true, cls: 'inv-col-age', format: (x) => (x === 1 ? t('inv.ageOne') : t('inv.age', { n: x })) },
        {
          key: 'end_year', label: t('inv.col.life'), cls: 'inv-col-life',
          format: (end, r) => (end === null || end === undefined
            ? h('span', { class: 'muted' }, t('inv.lifeNone'))
            : h('span', { class: `inv-life ${r.within_life ? 'inv-life-ok' : 'inv-life-past'}` },
              r.within_life ? t('inv.lifeWithin', { end: end - 1 }) : t('inv.lifePast', { end }))),
        },
        { key: 'source', label: t('inv.col.source'), cls: 'inv-col-source', format: (x) => sourceLabel(t, x) },
        { key: 'note', label: t('inv.col.note'), cls: 'inv-col-note', format: (n) => h('span', { title: n }, n) },
      ].filter(Boolean);
      const table = sortableTable({
        id: 'inventory-table',
        columns,
        rows: v.rows,
        rowKey: (r) => r.id,
        onRowClick: (r) => editor(r),
        empty: t('inv.empty'),
        sort: state.school ? { key: 'category_label', dir: 1 } : { key: 'school', dir: 1 },
        fill: true,
      });
      if (state.school) table.table.classList.add('inv-one-school');

      // Totals per category: one column per category, the sum last.
      const cell = (id, n, cls) => h('td', { class: `num${cls ? ` ${cls}` : ''}`, id }, n ? fmt.number(n) : '–');
      const line = (key, label, get) => h('tr', { dataset: { line: key } },
        h('th', { scope: 'row' }, label),
        v.totals.map((c) => cell(`inventory-total-${key}-${c.category}`, get(c))),
        cell(`inventory-total-${key}`, get(v), 'inv-sum'));
      const totals = h('section', { class: 'card inv-totals', id: 'inventory-totals' },
        h('table', { class: 'inv-totals-table', id: 'inventory-totals-table' },
          h('thead', {}, h('tr', {},
            h('th', { class: 'inv-totals-title' }, t('inv.totals')),
            v.totals.map((c) => h('th', { class: 'num', scope: 'col', title: c.label, dataset: { category: c.category } }, headLabel(c.label))),
            h('th', { class: 'num inv-sum', scope: 'col' }, t('inv.total')))),
          h('tbody', {},
            line('units', t('inv.units'), (c) => c.units),
            line('within', t('inv.within'), (c) => c.within_life_units),
            line('past', t('inv.past'), (c) => c.past_life_units))));

      mount(body,
        h('div', { class: 'toolbar inv-toolbar' },
          h('label', { class: 'inv-filter', for: 'inventory-school' }, t('inv.school')), schoolSel,
          actions),
        h('p', { class: 'muted inv-count', id: 'inventory-count' },
          t('inv.count', { n: fmt.number(v.rows.length), year: v.year })),
        v.rows.length ? totals : null,
        table.el);
    }

    // ------------------------------------------------------------ editor

    async function editor(row) {
      const isNew = !row;
      const c = row || {
        id: 0, schulnummer: state.school || '', category: '', purchase_year: null, units: null, source: 'manual', note: '',
      };
      const fields = {};
      const field = (key, label, input) => {
        const id = `inventory-f-${key}`;
        input.id = id;
        const err = h('span', { class: 'field-error', id: `${id}-err`, role: 'alert' });
        input.setAttribute('aria-describedby', `${id}-err`);
        fields[key] = { input, err };
        return h('div', { class: 'field' }, h('label', { for: id }, label), input, err);
      };
      const school = h('select', { class: 'input' },
        h('option', { value: '' }, t('inv.pick')),
        view.schools.map(([nr, name]) => h('option', { value: nr }, `${nr} – ${name}`)));
      school.value = c.schulnummer;
      const category = h('select', { class: 'input' },
        h('option', { value: '' }, t('inv.pick')),
        view.categories.map(([key, label]) => h('option', { value: key }, label)));
      category.value = c.category;
      const intText = (v) => h('input', {
        type: 'text', class: 'input input-num', inputmode: 'numeric', autocomplete: 'off',
        value: v === null || v === undefined ? '' : String(v),
      });
      const year = intText(c.purchase_year);
      const units = intText(c.units);
      const note = h('input', { type: 'text', class: 'input', autocomplete: 'off', value: c.note || '' });
      const errorBox = h('div', { class: 'alert alert-error', role: 'alert', id: 'inventory-edit-error', hidden: true });
      const body = h('div', { id: 'inventory-edit-form' },
        h('div', { class: 'form-grid' },
          h('div', { class: 'field-wide' }, field('schulnummer', t('inv.f.school'), school)),
          h('div', { class: 'field-wide' }, field('category', t('inv.f.category'), category)),
          field('purchase_year', t('inv.f.year'), year),
          field('units', t('inv.f.units'), units),
          field('note', t('inv.f.note'), note)),
        isNew ? null : h('p', { class: 'field-hint inv-edit-source' }, t('inv.f.source', { source: sourceLabel(t, c.source) })),
        errorBox);

      const showErrors = (errs) => {
        for (const f of Object.values(fields)) {
          f.err.textContent = '';
          f.input.removeAttribute('aria-invalid');
        }
        for (const e of errs) {
          const f = fields[e.field];
          if (!f) continue;
          f.err.textContent = f.err.textContent ? `${f.err.textContent} ${e.message}` : e.message;
          f.input.setAttribute('aria-invalid', 'true');
        }
        const first = errs.map((e) => fields[e.field]).find(Boolean);
        if (first) first.input.focus();
      };

      const buttons = [
        { label: t('inv.cancel'), value: undefined, id: 'inventory-edit-cancel' },
        { label: t('inv.save'), kind: 'primary', submit: true, value: 'saved', id: 'inventory-edit-save' },
      ];
      if (!isNew) {
        buttons.unshift({
          label: t('inv.delete'), kind: 'danger-quiet', align: 'start', id: 'inventory-edit-delete', value: 'deleted',
          onClick: async () => {
            const ok = await ctx.ui.confirm(t('inv.deleteAsk', {
              category: c.category_label, year: c.purchase_year, units: fmt.number(c.units), school: c.school_name || c.schulnummer,
            }), { danger: true, confirmLabel: t('inv.delete') });
            if (!ok) return false;
            const r = await ctx.api.call('inventory_delete', { id: c.id });
            return r.ok;
          },
        });
      }
      const res = await ctx.ui.modal({
        title: isNew ? t('inv.addTitle') : t('inv.editTitle'),
        body,
        id: 'inventory-edit',
        initialFocus: isNew ? '#inventory-f-schulnummer' : '#inventory-f-units',
        buttons,
        onSubmit: async () => {
          errorBox.hidden = true;
          const errs = [];
          const int = (key, input) => {
            const s = input.value.trim().replace(/\./g, '');
            if (!/^-?\d+$/.test(s)) {
              errs.push({ field: key, message: t('inv.needInt') });
              return null;
            }
            return Number.parseInt(s, 10);
          };
          if (!school.value) errs.push({ field: 'schulnummer', message: t('inv.needPick') });
          if (!category.value) errs.push({ field: 'category', message: t('inv.needPick') });
          const cohort = {
            id: c.id,
            schulnummer: school.value,
            category: category.value,
            purchase_year: int('purchase_year', year),
            units: int('units', units),
            source: c.source || 'manual',
            note: note.value.trim(),
          };
          if (errs.length) {
            showErrors(errs);
            return false;
          }
          try {
            const r = await ctx.api.invoke('inventory_save', { cohort });
            if (r.errors.length) {
              showErrors(r.errors);
              return false;
            }
            return true;
          } catch (e) {
            errorBox.textContent = e.message;
            errorBox.hidden = false;
            return false;
          }
        },
      });
      if (res === 'saved' || res === 'deleted') {
        ctx.ui.toast(res === 'saved' ? t('inv.saved') : t('inv.deleted'));
        await load();
      }
    }

    await load();
  },
};

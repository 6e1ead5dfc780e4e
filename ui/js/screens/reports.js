// Berichte: charts (preview in the window as SVG, export as PNG 300/96 dpi, SVG, PDF through the
// save dialog), the per-school report for the Jahresinvestitionsgespräch, the district report,
// all school reports into a folder (progress bar from `report-batch-progress` events), and the
// XLSX export of every table. Everything is rendered and written by the Rust core.

import { h, mount, clear } from '../dom.js';

const strings = {
  de: {
    'reports.title': 'Berichte',
    'reports.subtitle': 'Grafiken, Berichte als PDF und Tabellen als Excel-Datei – beschriftet, mit Quellen und Definitionen.',
    'reports.charts': 'Grafiken',
    'reports.chart': 'Grafik',
    'reports.school': 'Schule',
    'reports.schoolNone': '– keine (ganzer Bezirk) –',
    'reports.schoolNeeded': 'Diese Grafik gilt einer Schule: bitte eine Schule wählen.',
    'reports.preview': 'Vorschau',
    'reports.loading': 'Grafik wird erstellt …',
    'reports.png': 'PNG (Druck, 300 dpi) …',
    'reports.png96': 'PNG (Bildschirm) …',
    'reports.svg': 'SVG …',
    'reports.pdf': 'PDF …',
    'reports.saved': 'Gespeichert: {path}',
    'reports.schoolReport': 'Schulbericht für das Jahresinvestitionsgespräch',
    'reports.schoolReportHint': 'Zwei bis vier Seiten A4: Schule, Ausstattung, geplante Beschaffungen und Finanzierung, Support der letzten 12 Monate im Vergleich zum Bezirk und zu den Vertragszielen.',
    'reports.schoolReportDo': 'Schulbericht als PDF …',
    'reports.district': 'Bericht für den Schulträger',
    'reports.districtHint': 'Überblick, Budget je Jahr und Finanzierungslücke, Szenarien, Rangfolge der Schulen nach Support-Kennzahlen, Angebotsvergleich.',
    'reports.districtDo': 'Bericht Schulträger als PDF …',
    'reports.batch': 'Alle Schulberichte',
    'reports.batchHint': 'Erstellt für jede Schule ihren Bericht als PDF in einem Ordner.',
    'reports.batchDo': 'In Ordner erstellen …',
    'reports.batchProgress': '{done} von {total} Berichten: {file}',
    'reports.batchDone': '{n} Schulberichte gespeichert in {folder}',
    'reports.tables': 'Tabellen als Excel (XLSX)',
    'reports.tablesHint': 'Echte Zahlenzellen mit €- und Datumsformaten, fixierte Kopfzeile, Quelle in der Tabelle.',
    'reports.tableDo': 'Als Excel …',
    'reports.noPlan': 'Bitte zuerst einen Plan öffnen.',
    'reports.chooseSchool': 'Bitte eine Schule wählen.',
  },
  en: {
    'reports.title': 'Reports',
    'reports.subtitle': 'Charts, PDF reports and Excel tables – labelled, with sources and definitions.',
    'reports.charts': 'Charts',
    'reports.chart': 'Chart',
    'reports.school': 'School',
    'reports.schoolNone': '– none (whole district) –',
    'reports.schoolNeeded': 'This chart is about one school: please choose a school.',
    'reports.preview': 'Preview',
    'reports.loading': 'Drawing chart …',
    'reports.png': 'PNG (print, 300 dpi) …',
    'reports.png96': 'PNG (screen) …',
    'reports.svg': 'SVG …',
    'reports.pdf': 'PDF …',
    'reports.saved': 'Saved: {path}',
    'reports.schoolReport': 'School report for the annual investment meeting',
    'reports.schoolReportHint': 'Two to four A4 pages: school, equipment, planned purchases and funding, support of the last 12 months against district and contract targets.',
    'reports.schoolReportDo': 'School report as PDF …',
    'reports.district': 'Report for the school authority',
    'reports.districtHint': 'Overview, budget per year and funding gap, scenarios, ranking of schools by support KPIs, offers comparison.',
    'reports.districtDo': 'Authority report as PDF …',
    'reports.batch': 'All school reports',
    'reports.batchHint': 'Writes each school’s report as PDF into one folder.',
    'reports.batchDo': 'Write into folder …',
    'reports.batchProgress': '{done} of {total} reports: {file}',
    'reports.batchDone': '{n} school reports saved in {folder}',
    'reports.tables': 'Tables as Excel (XLSX)',
    'reports.tablesHint': 'Real number cells with € and date formats, frozen header, source in the sheet.',
    'reports.tableDo': 'To Excel …',
    'reports.noPlan': 'Please open a plan first.',
    'reports.chooseSchool': 'Please choose a school.',
  },
};

// Survives re-rendering (language switch, coming back to the screen).
const state = { chart: null, school: '', reportSchool: '' };
let previewUrl = null;

function option(value, label, selected) {
  const o = h('option', { value }, label);
  if (selected) o.selected = true;
  return o;
}

export default {
  id: 'reports',
  icon: 'reports',
  title: { de: 'Berichte', en: 'Reports' },
  strings,
  async render(el, ctx) {
    const { t } = ctx;
    if (!ctx.plan || !ctx.plan.open) {
      mount(el, h('header', { class: 'screen-head' }, h('h1', {}, t('reports.title'))), h('p', { class: 'muted' }, t('reports.noPlan')));
      return;
    }
    const [chartsR, tablesR, schoolsR] = await Promise.all([
      ctx.api.call('report_charts'),
      ctx.api.call('report_tables'),
      ctx.api.call('schools_list'),
    ]);
    if (!chartsR.ok || !tablesR.ok || !schoolsR.ok) return;
    const charts = chartsR.value;
    const schools = schoolsR.value;
    if (!state.chart || !charts.some((c) => c.name === state.chart)) state.chart = charts.length ? charts[0].name : null;

    const schoolOptions = (sel, withNone) => [
      ...(withNone ? [option('', t('reports.schoolNone'), sel === '')] : []),
      ...schools.map((s) => option(s.schulnummer, `${s.display_name} (${s.schulnummer})`, sel === s.schulnummer)),
    ];

    // --- Charts: choose, preview, export.
    const chartSel = h('select', { id: 'reports-chart', class: 'input' },
      ...charts.map((c) => option(c.name, `${c.area}: ${c.title}`, c.name === state.chart)));
    const chartSchool = h('select', { id: 'reports-chart-school', class: 'input' }, ...schoolOptions(state.school, true));
    const preview = h('div', { id: 'reports-preview', class: 'chart-preview', 'aria-live': 'polite' });
    const status = h('p', { id: 'reports-status', class: 'muted', role: 'status' });

    const needsSchool = () => (charts.find((c) => c.name === state.chart) || {}).needs_school;

    async function drawPreview() {
      clear(preview);
      if (previewUrl) { URL.revokeObjectURL(previewUrl); previewUrl = null; }
      if (!state.chart) return;
      if (needsSchool() && !state.school) {
        preview.append(h('p', { class: 'muted' }, t('reports.schoolNeeded')));
        return;
      }
      preview.append(h('p', { class: 'muted' }, t('reports.loading')));
      const r = await ctx.api.call('report_chart_svg', { name: state.chart, school: state.school || null });
      clear(preview);
      if (!r.ok) return;
      previewUrl = URL.createObjectURL(new Blob([r.value], { type: 'image/svg+xml' }));
      const chart = charts.find((c) => c.name === state.chart);
      preview.append(h('img', { id: 'reports-preview-img', src: previewUrl, alt: chart ? chart.title : '' }));
    }

    async function exportChart(format) {
      if (needsSchool() && !state.school) { ctx.ui.messageBox(t('reports.schoolNeeded')); return; }
      const r = await ctx.api.call('report_chart_export', { name: state.chart, school: state.school || null, format });
      if (r.ok && r.value) {
        status.textContent = t('reports.saved', { path: r.value.path });
        ctx.ui.toast(t('reports.saved', { path: r.value.path }));
      }
    }

    chartSel.addEventListener('change', () => { state.chart = chartSel.value; drawPreview(); });
    chartSchool.addEventListener('change', () => { state.school = chartSchool.value; drawPreview(); });

    const exportButtons = h('div', { class: 'screen-actions' },
      ...[['png', 'reports.png'], ['png96', 'reports.png96'], ['svg', 'reports.svg'], ['pdf', 'reports.pdf']].map(([f, k]) => {
        const b = h('button', { type: 'button', id: `reports-export-${f}`, class: f === 'png' ? 'btn btn-primary' : 'btn btn-secondary' }, t(k));
        b.addEventListener('click', () => exportChart(f));
        return b;
      }));

    // --- Per-school report, district report, batch.
    const repSchool = h('select', { id: 'reports-school', class: 'input' }, ...schoolOptions(state.reportSchool || (schools[0] && schools[0].schulnummer) || '', false));
    repSchool.addEventListener('change', () => { state.reportSchool = repSchool.value; });
    const schoolBtn = h('button', { type: 'button', id: 'reports-school-pdf', class: 'btn btn-primary' }, t('reports.schoolReportDo'));
    schoolBtn.addEventListener('click', async () => {
      if (!repSchool.value) { ctx.ui.messageBox(t('reports.chooseSchool')); return; }
      schoolBtn.disabled = true;
      const r = await ctx.api.call('report_school_pdf', { schulnummer: repSchool.value });
      schoolBtn.disabled = false;
      if (r.ok && r.value) ctx.ui.toast(t('reports.saved', { path: r.value.path }));
    });
    const districtBtn = h('button', { type: 'button', id: 'reports-district-pdf', class: 'btn btn-primary' }, t('reports.districtDo'));
    districtBtn.addEventListener('click', async () => {
      districtBtn.disabled = true;
      const r = await ctx.api.call('report_district_pdf');
      districtBtn.disabled = false;
      if (r.ok && r.value) ctx.ui.toast(t('reports.saved', { path: r.value.path }));
    });

    const progress = h('progress', { id: 'reports-batch-progress', max: '1', value: '0', hidden: true });
    const batchStatus = h('p', { id: 'reports-batch-status', class: 'muted', role: 'status' });
    const batchBtn = h('button', { type: 'button', id: 'reports-batch', class: 'btn btn-secondary' }, t('reports.batchDo'));
    batchBtn.addEventListener('click', async () => {
      // Poll the progress while the batch runs (no event permission needed).
      const showProgress = (p) => {
        if (!p || !running) return;
        progress.hidden = false;
        progress.max = p.total;
        progress.value = p.done;
        batchStatus.textContent = t('reports.batchProgress', { done: p.done, total: p.total, file: p.file });
      };
      let running = true;
      const poll = async () => {
        while (running) {
          try { showProgress(await ctx.api.invoke('report_batch_progress')); } catch (_) { /* shown by report_batch */ }
          await new Promise((r) => setTimeout(r, 250));
        }
      };
      batchBtn.disabled = true;
      poll();
      const r = await ctx.api.call('report_batch');
      running = false;
      batchBtn.disabled = false;
      if (r.ok && r.value) {
        progress.hidden = false;
        progress.max = Math.max(1, r.value.files.length);
        progress.value = r.value.files.length;
        batchStatus.textContent = t('reports.batchDone', { n: r.value.files.length, folder: r.value.folder });
      }
    });

    // --- Tables.
    // Tables of one school (e.g. its equipment against the standard) get a school choice.
    const tableRows = tablesR.value.map((tb) => {
      const b = h('button', { type: 'button', id: `reports-table-${tb.name}`, class: 'btn btn-secondary' }, t('reports.tableDo'));
      const sel = tb.needs_school && schools.length
        ? h('select', { id: `reports-table-school-${tb.name}`, class: 'input', 'aria-label': t('reports.school') },
          ...schoolOptions(state.school || schools[0].schulnummer, false))
        : null;
      b.addEventListener('click', async () => {
        const r = await ctx.api.call('report_table_export', { name: tb.name, school: sel ? sel.value : null });
        if (r.ok && r.value) ctx.ui.toast(t('reports.saved', { path: r.value.path }));
      });
      return h('tr', {}, h('td', {}, tb.area), h('td', {}, tb.title), h('td', { class: 'mono' }, tb.name),
        h('td', {}, sel || ''), h('td', {}, b));
    });

    mount(el,
      h('header', { class: 'screen-head' },
        h('div', {}, h('h1', {}, t('reports.title')), h('p', { class: 'screen-sub' }, t('reports.subtitle')))),
      h('div', { class: 'reports-grid' },
        h('section', { class: 'card reports-card' },
          h('h2', {}, t('reports.schoolReport')),
          h('p', { class: 'muted' }, t('reports.schoolReportHint')),
          h('div', { class: 'toolbar' }, h('label', { class: 'field' }, h('span', {}, t('reports.school')), repSchool)),
          schoolBtn),
        h('section', { class: 'card reports-card' },
          h('h2', {}, t('reports.district')),
          h('p', { class: 'muted' }, t('reports.districtHint')),
          districtBtn),
        h('section', { class: 'card reports-card' },
          h('h2', {}, t('reports.batch')),
          h('p', { class: 'muted' }, t('reports.batchHint')),
          batchBtn, progress, batchStatus)),
      h('section', { class: 'card reports-card' },
        h('h2', {}, t('reports.charts')),
        h('div', { class: 'toolbar' },
          h('label', { class: 'field' }, h('span', {}, t('reports.chart')), chartSel),
          h('label', { class: 'field' }, h('span', {}, t('reports.school')), chartSchool)),
        exportButtons,
        status,
        preview),
      h('section', { class: 'card reports-card' },
        h('h2', {}, t('reports.tables')),
        h('p', { class: 'muted' }, t('reports.tablesHint')),
        h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'reports-tables' }, h('tbody', {}, ...tableRows)))),
      ctx.plan.attribution ? h('p', { class: 'attribution' }, ctx.plan.attribution) : null);
    drawPreview();
    return () => { if (previewUrl) { URL.revokeObjectURL(previewUrl); previewUrl = null; } };
  },
};

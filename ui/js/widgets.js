// Reusable pieces for the screens: a sortable table, an SVG chart shown as an image, a busy
// overlay, and key figures. All text goes in as text (never HTML).

import { h, mount } from './dom.js';

/**
 * A sortable table inside a scrolling `.table-wrap`.
 *
 *   const tbl = sortableTable({
 *     id: 'budget-table',
 *     columns: [
 *       { key: 'school', label: 'Schule' },
 *       { key: 'total_cents', label: 'Summe', numeric: true, format: (v) => fmt.eur(v) },
 *     ],
 *     rows,                       // array of objects
 *     rowKey: (r) => r.id,        // becomes data-key on the <tr>
 *     onRowClick: (r) => …,       // optional: rows become focusable, Enter/Space open them
 *     empty: 'Keine Daten.',
 *     sort: { key: 'school', dir: 1 },
 *   });
 *   el.appendChild(tbl.el);  …  tbl.update(newRows);
 */
export function sortableTable({ id, columns, rows = [], rowKey, onRowClick, empty = '', sort, caption, fill = false }) {
  let data = rows;
  let order = sort ? { ...sort } : null;
  const table = h('table', { class: 'data-table', id });
  const el = h('div', { class: `table-wrap${fill ? ' fill' : ''}` }, table);

  // Empty values go last in both directions; the rest by `dir`.
  function cmp(a, b, col, dir) {
    const x = col.sortValue ? col.sortValue(a) : a[col.key];
    const y = col.sortValue ? col.sortValue(b) : b[col.key];
    const nx = x === null || x === undefined || x === '';
    const ny = y === null || y === undefined || y === '';
    if (nx || ny) return nx && ny ? 0 : nx ? 1 : -1;
    if (col.numeric) return dir * (Number(x) - Number(y));
    return dir * String(x).localeCompare(String(y), 'de', { sensitivity: 'base', numeric: true });
  }

  function render() {
    const col = order && columns.find((c) => c.key === order.key);
    const sorted = col ? [...data].sort((a, b) => cmp(a, b, col, order.dir)) : data;
    const head = h('thead', {}, h('tr', {}, columns.map((c) => {
      const active = order && order.key === c.key;
      const state = active ? (order.dir > 0 ? 'ascending' : 'descending') : 'none';
      const cls = [c.cls, c.numeric ? 'num' : ''].filter(Boolean).join(' ');
      if (c.sortable === false) return h('th', { scope: 'col', class: cls }, c.label);
      return h('th', { scope: 'col', class: cls, 'aria-sort': state },
        h('button', {
          type: 'button', class: 'sort-btn', dataset: { sortKey: c.key },
          onclick: () => {
            order = active ? { key: c.key, dir: -order.dir } : { key: c.key, dir: 1 };
            render();
            const b = table.querySelector(`button[data-sort-key="${c.key}"]`);
            if (b) b.focus();
          },
        }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (order.dir > 0 ? '▲' : '▼') : '')));
    })));
    const body = h('tbody', {}, sorted.map((r) => {
      const attrs = { dataset: rowKey ? { key: String(rowKey(r)) } : {} };
      if (onRowClick) {
        Object.assign(attrs, {
          tabindex: '0', class: 'row-link',
          onclick: () => onRowClick(r),
          onkeydown: (ev) => {
            const tr = ev.currentTarget;
            if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); onRowClick(r); }
            else if (ev.key === 'ArrowDown' && tr.nextElementSibling) { ev.preventDefault(); tr.nextElementSibling.focus(); }
            else if (ev.key === 'ArrowUp' && tr.previousElementSibling) { ev.preventDefault(); tr.previousElementSibling.focus(); }
          },
        });
      }
      return h('tr', attrs, columns.map((c) => {
        const v = r[c.key];
        const shown = c.format ? c.format(v, r) : v;
        const cls = [c.cls, c.numeric ? 'num' : ''].filter(Boolean).join(' ');
        return h('td', { class: cls }, shown instanceof Node ? shown : (shown ?? ''));
      }));
    }));
    if (!sorted.length && empty) {
      body.appendChild(h('tr', {}, h('td', { colspan: String(columns.length), class: 'empty-row' }, empty)));
    }
    mount(table, caption ? h('caption', { class: 'sr-only' }, caption) : null, head, body);
  }

  render();
  return {
    el,
    table,
    /** Replaces the rows (keeps the sort order). */
    update(newRows) { data = newRows; render(); },
    get rows() { return data; },
  };
}

/**
 * Shows an SVG string (e.g. a chart rendered by the core) as an <img> from a blob: URL – never
 * as inline HTML. Call the returned `dispose()` when the screen is left (frees the URL).
 */
export function svgImage(svg, alt, { cls = 'chart-img', id } = {}) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = h('img', { src: url, alt, class: cls, id });
  return { el: img, dispose: () => URL.revokeObjectURL(url) };
}

/**
 * Shows a calm "working …" overlay while `promise` runs; resolves to its result.
 *   const r = await busy(ctx.api.invoke('reports_export', {...}), 'Bericht wird erstellt …');
 */
export async function busy(promise, label) {
  const overlay = h('div', { class: 'busy-overlay', role: 'status', 'aria-live': 'polite', id: 'busy' },
    h('div', { class: 'busy-box' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, label)));
  document.body.appendChild(overlay);
  try {
    return await promise;
  } finally {
    overlay.remove();
  }
}

/** A row of key figures: [{ label, value, hint, id }]. */
export function keyFigures(items) {
  return h('div', { class: 'stats' }, items.map((it) => h('div', { class: 'stat', id: it.id, title: it.hint },
    h('span', { class: 'stat-value' }, it.value),
    h('span', { class: 'stat-label' }, it.label))));
}

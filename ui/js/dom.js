// Small DOM helpers. Text is always set as text (never innerHTML), so data from files cannot
// inject markup.

/**
 * Creates an element: h('button', {class: 'btn', onclick: fn, 'aria-label': 'x'}, 'Text', child)
 * Attributes: `class`, `dataset` (object), `style` (object), `on<event>` (function),
 * boolean `true`/`false` for flags, `null`/`undefined` are skipped. Children: strings, nodes,
 * arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked') el.checked = !!v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Removes all children of `el`. */
export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces the children of `el`. */
export function mount(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let idCounter = 0;
/** A unique id for label/input pairs. */
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// Modal dialogs: focus moves into the dialog and stays there (Tab cycles), Escape cancels,
// Enter in a form submits, focus returns to where it was. Toasts for short confirmations.

import { h, clear } from './dom.js';
import { t } from './i18n.js';

const root = () => document.getElementById('dialog-root');
let stack = [];

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Opens a modal. `body` is a node (or a function (close) => node). `buttons` is a list of
 * { label, value, kind: 'primary'|'danger'|'secondary', submit: true, align: 'start' }.
 * A button with `submit: true` is triggered by Enter inside the dialog's form; `onSubmit`
 * (async, may return false to keep the dialog open) is called first.
 * Resolves to the `value` of the button pressed, or `undefined` on Escape / close.
 */
export function modal({ title, body, buttons = [], size = 'normal', onSubmit, id, initialFocus }) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const titleId = `dlg-title-${stack.length + 1}`;
    let done = false;
    const close = (value) => {
      if (done) return;
      done = true;
      overlay.remove();
      document.removeEventListener('keydown', onKey, true);
      stack = stack.filter((d) => d !== overlay);
      if (!stack.length) document.body.classList.remove('modal-open');
      if (previous && typeof previous.focus === 'function' && document.contains(previous)) previous.focus();
      resolve(value);
    };
    const content = typeof body === 'function' ? body(close) : body;
    const footStart = h('div', { class: 'dialog-foot-start' });
    const footEnd = h('div', { class: 'dialog-foot-end' });
    const form = h('form', { class: 'dialog-form', novalidate: true });
    for (const b of buttons) {
      const btn = h('button', {
        type: b.submit ? 'submit' : 'button',
        class: `btn btn-${b.kind || 'secondary'}`,
        id: b.id,
      }, b.label);
      if (!b.submit) btn.addEventListener('click', () => {
        if (b.onClick) {
          Promise.resolve(b.onClick(close)).then((r) => { if (r !== false) close(b.value); });
        } else close(b.value);
      });
      (b.align === 'start' ? footStart : footEnd).appendChild(btn);
    }
    const submitBtn = buttons.find((b) => b.submit);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!submitBtn) return;
      const btns = form.querySelectorAll('button');
      btns.forEach((x) => { x.disabled = true; });
      let ok = true;
      try {
        if (onSubmit) ok = (await onSubmit(close)) !== false;
      } finally {
        btns.forEach((x) => { x.disabled = false; });
      }
      if (ok) close(submitBtn.value);
    });
    form.append(
      h('div', { class: 'dialog-head' },
        h('h2', { id: titleId, class: 'dialog-title' }, title),
        h('button', { type: 'button', class: 'btn-icon dialog-x', 'aria-label': t('dlg.close'), onclick: () => close(undefined) }, '×')),
      h('div', { class: 'dialog-body' }, content),
      buttons.length ? h('div', { class: 'dialog-foot' }, footStart, footEnd) : null,
    );
    const dialog = h('div', {
      class: `dialog dialog-${size}`, role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, id,
    }, form);
    const overlay = h('div', { class: 'dialog-overlay' }, dialog);
    overlay.addEventListener('mousedown', (ev) => { if (ev.target === overlay) ev.preventDefault(); });
    function onKey(ev) {
      if (stack[stack.length - 1] !== overlay) return;
      if (ev.key === 'Escape') {
        ev.preventDefault();
        ev.stopPropagation();
        close(undefined);
      } else if (ev.key === 'Tab') {
        const f = [...dialog.querySelectorAll(FOCUSABLE)].filter((x) => x.offsetParent !== null);
        if (!f.length) return;
        const first = f[0];
        const last = f[f.length - 1];
        if (ev.shiftKey && document.activeElement === first) { ev.preventDefault(); last.focus(); }
        else if (!ev.shiftKey && document.activeElement === last) { ev.preventDefault(); first.focus(); }
      }
    }
    document.addEventListener('keydown', onKey, true);
    stack.push(overlay);
    document.body.classList.add('modal-open');
    root().appendChild(overlay);
    const focusTarget = (initialFocus && dialog.querySelector(initialFocus))
      || dialog.querySelector('.dialog-body ' + FOCUSABLE.split(', ').join(', .dialog-body '))
      || dialog.querySelector('.dialog-foot .btn-primary')
      || dialog.querySelector(FOCUSABLE);
    if (focusTarget) focusTarget.focus();
  });
}

/** A calm message box. `kind` = 'error' | 'info'. */
export function messageBox(message, { title, kind = 'info', details } = {}) {
  const body = h('div', { class: `message message-${kind}` },
    h('p', { class: 'message-text' }, message),
    details ? h('p', { class: 'message-details' }, details) : null);
  return modal({
    title: title || (kind === 'error' ? t('dlg.error') : t('dlg.notice')),
    body,
    id: kind === 'error' ? 'error-dialog' : 'message-dialog',
    buttons: [{ label: t('dlg.ok'), kind: 'primary', submit: true, value: true, id: 'dlg-ok' }],
    initialFocus: '#dlg-ok',
  });
}

/** Shows a `{kind, message}` error (or any thrown value) as a message box. */
export function showError(err, title) {
  const message = (err && err.message) || String(err || t('err.unexpected'));
  return messageBox(message, { title, kind: 'error' });
}

/** Yes/no question; resolves to true on confirm. */
export async function confirm(message, { title, confirmLabel, danger = false } = {}) {
  const r = await modal({
    title: title || t('dlg.notice'),
    body: h('p', { class: 'message-text' }, message),
    buttons: [
      { label: t('dlg.cancel'), kind: 'secondary', value: false },
      { label: confirmLabel || t('dlg.ok'), kind: danger ? 'danger' : 'primary', submit: true, value: true, id: 'dlg-confirm' },
    ],
    initialFocus: danger ? '.dialog-foot .btn-secondary' : '#dlg-confirm',
  });
  return r === true;
}

/** A short confirmation at the bottom right that disappears by itself. */
/** At most this many toasts are visible; a new one pushes out the oldest. */
const TOAST_MAX = 3;

export function toast(message, { kind = 'ok', ms } = {}) {
  const region = document.getElementById('toast-region');
  if (!region) return;
  const el = h('div', { class: `toast toast-${kind}` }, message);
  region.appendChild(el);
  while (region.children.length > TOAST_MAX) region.firstElementChild.remove();
  // Errors stay a little longer; a toast fades out, then leaves.
  const stay = ms ?? (kind === 'error' ? 7000 : 4000);
  setTimeout(() => {
    el.classList.add('toast-leaving');
    setTimeout(() => el.remove(), 200);
  }, stay);
}

/** Removes every open dialog (used when the plan changes underneath). */
export function closeAll() {
  clear(root());
  stack = [];
  document.body.classList.remove('modal-open');
}

// German date input: a text field "TT.MM.JJJJ" instead of <input type="date"> (which WebKitGTK
// shows in US format). Validates with format.parseDate and shows a German (or English) message
// under the field. Use it for every date the user types.

import { h } from './dom.js';
import { parseDate, date as formatDate } from './format.js';
import { registerStrings, t } from './i18n.js';

registerStrings({
  de: {
    'date.placeholder': 'TT.MM.JJJJ',
    'date.invalid': 'Bitte ein Datum im Format TT.MM.JJJJ eingeben, z. B. 24.11.2026.',
    'date.required': 'Bitte ein Datum eingeben (TT.MM.JJJJ).',
  },
  en: {
    'date.placeholder': 'DD.MM.YYYY',
    'date.invalid': 'Please enter a date as DD.MM.YYYY, e.g. 24.11.2026.',
    'date.required': 'Please enter a date (DD.MM.YYYY).',
  },
});

/**
 * dateInput({ id, value: ISO string or null, required }) →
 * { el, input, value(): ISO | null (undefined when invalid, message shown), setValue(iso) }.
 */
export function dateInput({ id, value = null, required = false, label } = {}) {
  const input = h('input', {
    id, class: 'input input-date', type: 'text', inputmode: 'numeric', autocomplete: 'off',
    placeholder: t('date.placeholder'), value: value ? formatDate(value) : '', size: 10, maxlength: 10,
    'aria-label': label || t('date.placeholder'),
  });
  const error = h('span', { class: 'field-error', id: id ? `${id}-error` : undefined, role: 'alert' });
  error.hidden = true;
  const el = h('span', { class: 'date-input' }, input, error);

  const check = () => {
    const v = parseDate(input.value);
    let msg = '';
    if (Number.isNaN(v)) msg = t('date.invalid');
    else if (v === null && required) msg = t('date.required');
    error.textContent = msg;
    error.hidden = !msg;
    input.classList.toggle('invalid', !!msg);
    input.setAttribute('aria-invalid', msg ? 'true' : 'false');
    return msg ? undefined : v;
  };
  input.addEventListener('blur', () => { if (input.value.trim() !== '') check(); });
  input.addEventListener('input', () => { if (!error.hidden) check(); });

  return {
    el,
    input,
    value: check,
    setValue(iso) { input.value = iso ? formatDate(iso) : ''; check(); },
  };
}

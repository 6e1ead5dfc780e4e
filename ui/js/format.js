// German number, money and date formats (de-DE in both UI languages: the figures are German
// administrative figures). Money is always integer cents.

const LOCALE = 'de-DE';

const eurFmt = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR' });
const eurWholeFmt = new Intl.NumberFormat(LOCALE, {
  style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0,
});
const intFmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const dateFmt = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, {
  day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

/** 123456 → "1.234,56 €" (cents as integer). Empty for null. */
export function eur(cents) {
  if (cents === null || cents === undefined || cents === '') return '';
  return eurFmt.format(Number(cents) / 100);
}

/** 123456 → "1.235 €" (whole euros, for overviews). */
export function eurWhole(cents) {
  if (cents === null || cents === undefined || cents === '') return '';
  return eurWholeFmt.format(Math.round(Number(cents) / 100));
}

/**
 * Halves away from zero on 15 significant digits, as the core (format_decimal) and Excel round:
 * 5.25 → 5.3, 1.005 → 1.01 (Intl alone would print 1,00 for the binary 1.00499…).
 */
export function roundHalfAway(n, digits = 0) {
  if (!Number.isFinite(n)) return n;
  const a = Math.abs(Number(n.toPrecision(15)));
  const [m, e] = a.toExponential().split('e');
  const r = Math.round(Number(`${m}e${Number(e) + digits}`));
  const out = Number(`${r}e${-digits}`);
  return n < 0 && out !== 0 ? -out : out;
}

/** 1234 → "1.234"; with digits: 1234.5, 1 → "1.234,5". Empty for null. */
export function number(n, digits = 0) {
  if (n === null || n === undefined || n === '' || Number.isNaN(Number(n))) return '';
  const x = roundHalfAway(Number(n), digits);
  if (!digits) return intFmt.format(x);
  return new Intl.NumberFormat(LOCALE, {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(x);
}

/** 12.5 → "12,5 %". */
export function percent(n, digits = 1) {
  if (n === null || n === undefined || n === '') return '';
  return `${number(n, digits)} %`;
}

function toDate(v) {
  if (v instanceof Date) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(y, m - 1, d);
  }
  return new Date(v);
}

/** "2026-11-24" or a Date → "24.11.2026". */
export function date(v) {
  if (!v) return '';
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? String(v) : dateFmt.format(d);
}

/** → "24.11.2026, 14:05". */
export function dateTime(v) {
  if (!v) return '';
  const d = toDate(v);
  return Number.isNaN(d.getTime()) ? String(v) : dateTimeFmt.format(d);
}

/** 1536 → "1,5 KB". */
export function bytes(n) {
  if (n < 1024) return `${number(n)} B`;
  if (n < 1024 * 1024) return `${number(n / 1024, 1)} KB`;
  return `${number(n / 1024 / 1024, 1)} MB`;
}

/**
 * Parses a number as a German user types it: "1.234,5" → 1234.5, "12" → 12, "" → null.
 * Returns NaN for text that is not a number.
 */
export function parseNumber(text) {
  const s = String(text ?? '').trim().replace(/\s/g, '').replace(/%$/, '').replace(/€$/, '');
  if (s === '') return null;
  let norm = s;
  if (s.includes(',')) norm = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) norm = s.replace(/\./g, '');
  if (!/^[-+]?\d+(\.\d+)?$/.test(norm)) return NaN;
  return Number(norm);
}

/** Whole number from user text, `null` when empty, NaN when not a whole number. */
export function parseInteger(text) {
  const n = parseNumber(text);
  if (n === null) return null;
  return Number.isInteger(n) ? n : NaN;
}

/** Parses "1.234,56" (euros) into integer cents; null when empty; NaN when invalid. */
export function parseEurToCents(text) {
  const n = parseNumber(text);
  if (n === null || Number.isNaN(n)) return n;
  const c = n * 100;
  return Math.sign(c) * Math.round(Math.abs(c) + 1e-9);
}

/**
 * Parses a German date as a user types it: "24.11.2026" (also "1.2.2026") → "2026-11-24" (ISO,
 * what the core expects); "" → null; NaN for anything else, including days that do not exist
 * ("31.02.2026").
 */
export function parseDate(text) {
  const s = String(text ?? '').trim();
  if (s === '') return null;
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (!m) return NaN;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return NaN;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

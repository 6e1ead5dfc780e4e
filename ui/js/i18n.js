// German first, English switchable. Each screen registers its own strings:
//   registerStrings({ de: { 'schools.title': 'Schulen' }, en: { 'schools.title': 'Schools' } });
// and looks them up with t('schools.title') or t('schools.count', { n: 44 }) ("{n} Schulen").
// A key missing in English falls back to German, a key missing everywhere shows the key.

const dict = { de: {}, en: {} };
let lang = 'de';
const listeners = new Set();

export const LANGUAGES = ['de', 'en'];

export function registerStrings(strings) {
  for (const l of Object.keys(strings)) {
    dict[l] = dict[l] || {};
    Object.assign(dict[l], strings[l]);
  }
}

export function t(key, params) {
  let s = (dict[lang] && dict[lang][key]) ?? dict.de[key] ?? key;
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }
  return s;
}

/** Picks the current language from a `{de, en}` object (e.g. a screen title). */
export function pick(obj) {
  if (!obj) return '';
  if (typeof obj === 'string') return obj;
  return obj[lang] ?? obj.de ?? '';
}

export function language() {
  return lang;
}

export function setLanguage(l) {
  const next = LANGUAGES.includes(l) ? l : 'de';
  if (next === lang) return;
  lang = next;
  document.documentElement.lang = lang;
  for (const f of listeners) f(lang);
}

export function onLanguageChange(f) {
  listeners.add(f);
  return () => listeners.delete(f);
}

// Strings of the frame (header, menu, dialogs).
registerStrings({
  de: {
    'app.name': 'Schul-IT-Cockpit',
    'app.skip': 'Zum Inhalt springen',
    'app.nav': 'Bereiche',
    'app.demoBadge': 'Demo-Daten',
    'app.demoHint': 'Dieser Plan enthält Beispieldaten (Demo-Schulträger). Lehrkräfte, Räume, Inventar, Tickets und Angebote sind erfunden. Eigene Daten: Datei → Neu, dann Schulen importieren.',
    'app.noPlan': 'Kein Plan geöffnet',
    'app.noPlanText': 'Bitte einen Plan öffnen, einen neuen anlegen oder den Demo-Plan öffnen.',
    'app.noTauri': 'Die Oberfläche läuft nicht im Programmfenster (Tauri fehlt).',
    'app.language': 'Sprache',
    'app.loading': 'Wird geladen …',
    'menu.file': 'Datei',
    'menu.new': 'Neuer Plan …',
    'menu.open': 'Plan öffnen …',
    'menu.saveAs': 'Speichern unter …',
    'menu.backup': 'Sicherung anlegen …',
    'menu.restore': 'Sicherung wiederherstellen …',
    'menu.demo': 'Demo-Plan öffnen',
    'menu.planInfo': 'Über diesen Plan',
    'plan.opened': 'Plan geöffnet: {name}',
    'plan.savedAs': 'Plan gespeichert unter {path}. Sie arbeiten jetzt in dieser Datei.',
    'plan.backupWritten': 'Sicherung geschrieben: {path}',
    'plan.restored': 'Sicherung wiederhergestellt. Der vorige Stand wurde zuvor gesichert.',
    'plan.infoTitle': 'Über diesen Plan',
    'plan.file': 'Datei',
    'plan.schema': 'Datenbank-Schema',
    'plan.schools': 'Schulen',
    'plan.traeger': 'Schulträger',
    'restore.title': 'Sicherung wiederherstellen',
    'restore.text': 'Der aktuelle Stand des Plans wird durch die gewählte Sicherung ersetzt. Vorher wird der aktuelle Stand selbst gesichert.',
    'restore.none': 'Für diesen Plan gibt es noch keine Sicherungen im Sicherungsordner.',
    'restore.other': 'Andere Datei wählen …',
    'restore.do': 'Wiederherstellen',
    'restore.file': 'Sicherung',
    'restore.size': 'Größe',
    'restore.when': 'Zeitpunkt',
    'dlg.ok': 'OK',
    'dlg.cancel': 'Abbrechen',
    'dlg.close': 'Schließen',
    'dlg.yes': 'Ja',
    'dlg.no': 'Nein',
    'dlg.error': 'Das hat nicht geklappt',
    'dlg.notice': 'Hinweis',
    'err.unexpected': 'Unerwarteter Fehler',
  },
  en: {
    'app.name': 'School IT Cockpit',
    'app.skip': 'Skip to content',
    'app.nav': 'Areas',
    'app.demoBadge': 'Demo data',
    'app.demoHint': 'This plan contains sample data (demo school authority). Teachers, rooms, inventory, tickets and offers are made up. Your own data: File → New, then import schools.',
    'app.noPlan': 'No plan open',
    'app.noPlanText': 'Please open a plan, create a new one or open the demo plan.',
    'app.noTauri': 'The interface is not running in the program window (Tauri missing).',
    'app.language': 'Language',
    'app.loading': 'Loading …',
    'menu.file': 'File',
    'menu.new': 'New plan …',
    'menu.open': 'Open plan …',
    'menu.saveAs': 'Save as …',
    'menu.backup': 'Create backup …',
    'menu.restore': 'Restore backup …',
    'menu.demo': 'Open demo plan',
    'menu.planInfo': 'About this plan',
    'plan.opened': 'Plan opened: {name}',
    'plan.savedAs': 'Plan saved as {path}. You are now working in this file.',
    'plan.backupWritten': 'Backup written: {path}',
    'plan.restored': 'Backup restored. The previous state was backed up first.',
    'plan.infoTitle': 'About this plan',
    'plan.file': 'File',
    'plan.schema': 'Database schema',
    'plan.schools': 'Schools',
    'plan.traeger': 'School authority',
    'restore.title': 'Restore backup',
    'restore.text': 'The current state of the plan is replaced by the chosen backup. The current state is backed up first.',
    'restore.none': 'There are no backups of this plan in its backup folder yet.',
    'restore.other': 'Choose another file …',
    'restore.do': 'Restore',
    'restore.file': 'Backup',
    'restore.size': 'Size',
    'restore.when': 'Time',
    'dlg.ok': 'OK',
    'dlg.cancel': 'Cancel',
    'dlg.close': 'Close',
    'dlg.yes': 'Yes',
    'dlg.no': 'No',
    'dlg.error': 'That did not work',
    'dlg.notice': 'Notice',
    'err.unexpected': 'Unexpected error',
  },
});

// Szenario-Einstellungen of a budget scenario: name, description, base year (price basis),
// planning period, price escalation and the Sozialindex weights that order deferrals under a
// cap (budget_set_scenario). The core checks everything and answers in German; the plan is
// recomputed after saving.

import { h } from '../../dom.js';
import { registerStrings, t } from '../../i18n.js';

registerStrings({
  de: {
    'bs.title': 'Szenario-Einstellungen',
    'bs.hint': 'Preisbasis und Planungszeitraum, Preissteigerung je Jahr und die Gewichte, nach denen unter einer Obergrenze neue Ausstattung verschoben wird (Schulen mit höherem Gewicht kommen zuerst an die Reihe; überfällige Ersatzbeschaffungen gehen immer vor).',
    'bs.name': 'Name',
    'bs.description': 'Beschreibung',
    'bs.base': 'Preisbasis (Jahr)',
    'bs.from': 'Planung von',
    'bs.to': 'bis',
    'bs.escalation': 'Preissteigerung (% je Jahr)',
    'bs.weights': 'Gewichte nach Schulsozialindex',
    'bs.level': 'Stufe {n}',
    'bs.without': 'ohne Index',
    'bs.save': 'Einstellungen speichern',
    'bs.saved': 'Szenario gespeichert – Plan neu berechnet.',
    'bs.notNumber': '„{field}“: „{text}“ ist keine Zahl.',
  },
  en: {
    'bs.title': 'Scenario settings',
    'bs.hint': 'Price basis and planning period, yearly price escalation, and the weights that order deferrals of new equipment under a cap (schools with a higher weight come first; overdue replacements always go first).',
    'bs.name': 'Name',
    'bs.description': 'Description',
    'bs.base': 'Price basis (year)',
    'bs.from': 'Plan from',
    'bs.to': 'to',
    'bs.escalation': 'Price escalation (% per year)',
    'bs.weights': 'Weights by school social index',
    'bs.level': 'Level {n}',
    'bs.without': 'no index',
    'bs.save': 'Save settings',
    'bs.saved': 'Scenario saved – plan recomputed.',
    'bs.notNumber': '“{field}”: “{text}” is not a number.',
  },
});

/** The card for the scenario `s.scenario`; `run(cmd, args)` as in funding.js. */
export function scenarioCard(s, ctx, run) {
  const { fmt } = ctx;
  const sc = s.scenario;
  const error = h('p', { class: 'alert alert-error', id: 'bs-error', role: 'alert', hidden: true });
  const input = (id, value, attrs = {}) => h('input', { class: 'input', id, value, autocomplete: 'off', ...attrs });
  const name = input('bs-name', sc.name, { size: 28 });
  const description = input('bs-description', sc.description || '', { size: 48 });
  const base = input('bs-base', String(sc.base_year), { class: 'input input-num', size: 5 });
  const from = input('bs-from', String(sc.from_year), { class: 'input input-num', size: 5 });
  const to = input('bs-to', String(sc.to_year), { class: 'input input-num', size: 5 });
  const esc = input('bs-escalation', fmt.number(sc.escalation_pct, 1), { class: 'input input-num', size: 5 });
  const levels = sc.weights.levels.map((w, i) => input(`bs-weight-${i + 1}`, fmt.number(w, 1),
    { class: 'input input-num', size: 4, 'aria-label': t('bs.level', { n: i + 1 }) }));
  const without = input('bs-weight-none', fmt.number(sc.weights.without_index, 1),
    { class: 'input input-num', size: 4, 'aria-label': t('bs.without') });
  const field = (label, el) => h('label', { class: 'field' }, h('span', {}, label), el);

  const save = h('button', { class: 'btn btn-primary', id: 'bs-save', type: 'button' }, t('bs.save'));
  save.addEventListener('click', async () => {
    error.hidden = true;
    // Read every number; the first unreadable one is named (range checks are the core's).
    const num = (el, label) => {
      const v = fmt.parseNumber(el.value);
      if (!Number.isFinite(v)) throw Object.assign(new Error(t('bs.notNumber', { field: label, text: el.value })), { el });
      return v;
    };
    let settings;
    try {
      settings = {
        name: name.value,
        description: description.value,
        base_year: Math.round(num(base, t('bs.base'))),
        from_year: Math.round(num(from, t('bs.from'))),
        to_year: Math.round(num(to, t('bs.to'))),
        escalation_pct: num(esc, t('bs.escalation')),
        weights: {
          levels: levels.map((el, i) => num(el, t('bs.level', { n: i + 1 }))),
          without_index: num(without, t('bs.without')),
        },
      };
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      if (e.el) e.el.focus();
      return;
    }
    save.disabled = true;
    try {
      await run('budget_set_scenario', { settings });
      ctx.ui.toast(t('bs.saved'));
    } catch (e) {
      error.textContent = e.message || String(e);
      error.hidden = false;
    } finally {
      save.disabled = false;
    }
  });

  return h('section', { class: 'card', id: 'budget-scenario-settings' },
    h('h2', {}, t('bs.title')),
    h('p', { class: 'section-hint' }, t('bs.hint')),
    error,
    h('div', { class: 'toolbar bs-row' },
      field(t('bs.name'), name), field(t('bs.description'), description)),
    h('div', { class: 'toolbar bs-row' },
      field(t('bs.base'), base), field(t('bs.from'), from), field(t('bs.to'), to),
      field(t('bs.escalation'), esc)),
    h('h3', {}, t('bs.weights')),
    h('div', { class: 'toolbar bs-row', id: 'bs-weights' },
      ...levels.map((el, i) => field(t('bs.level', { n: i + 1 }), el)),
      field(t('bs.without'), without)),
    h('div', { class: 'toolbar card-foot' }, save));
}

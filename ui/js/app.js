// The frame: header (plan name, Demo-Daten badge, Datei menu, language), left navigation, and
// the current screen. Screens come from ./screens/index.js (see ui/README.md for the contract).

import { h, mount, clear } from './dom.js';
import { t, pick, registerStrings, setLanguage, language, onLanguageChange } from './i18n.js';
import * as fmt from './format.js';
import { invoke, call } from './api.js';
import { modal, messageBox, confirm, toast, showError, closeAll } from './dialog.js';
import { screens } from './screens/index.js';

let plan = null;
let current = null; // { screen, cleanup }

/** What every screen gets as its second argument. */
const ctx = {
  api: { invoke, call },
  t,
  pick,
  fmt,
  h,
  registerStrings,
  ui: { modal, messageBox, confirm, toast, showError },
  /** Facts about the open plan (see PlanInfo in src-tauri/src/commands/plan.rs). */
  get plan() { return plan; },
  /** Reloads the plan facts and the header (e.g. after an import changed the school count). */
  refreshPlan,
  /** Switches to another screen by id. */
  navigate,
  /** Re-renders the current screen. */
  rerender: () => renderScreen(),
};

const ICONS = {
  schools: 'M3 10.5 12 5l9 5.5M5 10v9h14v-9M9 19v-5h6v5',
  budget: 'M4 19V9m5 10V5m5 14v-7m5 7V8M3 19h18',
  inventory: 'M4 7.5 12 4l8 3.5v9L12 20l-8-3.5zM4 7.5l8 3.5 8-3.5M12 11v9',
  offers: 'M7 4h8l4 4v12H7zM15 4v4h4M10 12h6M10 16h6',
  kpi: 'M4 18a8 8 0 1 1 16 0M12 18l4-6M4 18h16',
  reports: 'M6 3h9l4 4v14H6zM9 12h7M9 16h7M9 8h3',
  privacy: 'M12 3 5 6v5c0 4.6 3 8.4 7 10 4-1.6 7-5.4 7-10V6zM9.5 12l2 2 3.5-4',
  default: 'M4 6h16M4 12h16M4 18h16',
};

function icon(id) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'nav-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[id] || ICONS.default);
  svg.appendChild(path);
  return svg;
}

function currentId() {
  const id = (location.hash || '').replace(/^#\/?/, '');
  return screens.some((s) => s.id === id) ? id : screens[0].id;
}

function navigate(id) {
  if (`#${id}` === location.hash) renderScreen();
  else location.hash = id;
}

// ---------------------------------------------------------------- header

function renderHeader() {
  document.title = plan && plan.name ? `${plan.name} – ${t('app.name')}` : t('app.name');
  const brand = document.querySelector('.brand-name');
  if (brand) brand.textContent = t('app.name');
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('app.skip');
  document.getElementById('app-nav').setAttribute('aria-label', t('app.nav'));

  mount(document.getElementById('menubar'), fileMenu());

  const title = document.getElementById('plan-title');
  if (plan && plan.open) {
    mount(title,
      h('span', { class: 'plan-name', id: 'plan-name', title: plan.path || '' }, plan.name || plan.file_name || ''),
      plan.demo ? h('button', {
        type: 'button', class: 'badge badge-demo', id: 'demo-badge', title: t('app.demoHint'),
        onclick: () => messageBox(t('app.demoHint'), { title: t('app.demoBadge') }),
      }, t('app.demoBadge')) : null);
  } else {
    mount(title, h('span', { class: 'plan-name plan-none', id: 'plan-name' }, t('app.noPlan')));
  }

  const lang = h('div', { class: 'lang-switch', role: 'group', 'aria-label': t('app.language') },
    ...['de', 'en'].map((l) => h('button', {
      type: 'button', class: 'lang-btn', 'aria-pressed': String(language() === l), lang: l,
      id: `lang-${l}`,
      onclick: () => changeLanguage(l),
    }, l.toUpperCase())));
  mount(document.getElementById('header-right'), lang);
}

async function changeLanguage(l) {
  setLanguage(l);
  await call('settings_set_language', { language: l });
}

function fileMenu() {
  const items = [
    { id: 'menu-new', label: t('menu.new'), run: () => planAction('plan_new', (p) => t('plan.opened', { name: p.name })) },
    { id: 'menu-open', label: t('menu.open'), run: () => planAction('plan_open', (p) => t('plan.opened', { name: p.name })) },
    { id: 'menu-save-as', label: t('menu.saveAs'), run: () => planAction('plan_save_as', (p) => t('plan.savedAs', { path: p.path })), needsPlan: true },
    { sep: true },
    { id: 'menu-backup', label: t('menu.backup'), run: backupNow, needsPlan: true },
    { id: 'menu-restore', label: t('menu.restore'), run: restoreDialog, needsPlan: !(plan && plan.attempted_path) },
    { sep: true },
    { id: 'menu-demo', label: t('menu.demo'), run: () => planAction('plan_open_demo', (p) => t('plan.opened', { name: p.name })) },
    { id: 'menu-info', label: t('menu.planInfo'), run: planInfoDialog, needsPlan: true },
  ];
  const button = h('button', {
    type: 'button', class: 'menu-button', id: 'menu-file', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
    'aria-controls': 'menu-file-list',
  }, t('menu.file'), h('span', { class: 'caret', 'aria-hidden': 'true' }, '▾'));
  const list = h('ul', { class: 'menu', role: 'menu', id: 'menu-file-list', hidden: true, 'aria-labelledby': 'menu-file' });
  const buttons = [];
  for (const it of items) {
    if (it.sep) { list.appendChild(h('li', { role: 'separator', class: 'menu-sep' })); continue; }
    const disabled = it.needsPlan && !(plan && plan.open);
    const b = h('button', {
      type: 'button', role: 'menuitem', class: 'menu-item', id: it.id, tabindex: '-1', disabled,
      onclick: () => { close(true); it.run(); },
    }, it.label);
    buttons.push(b);
    list.appendChild(h('li', { role: 'none' }, b));
  }
  const enabled = () => buttons.filter((b) => !b.disabled);
  function open() {
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    const e = enabled();
    if (e.length) e[0].focus();
    setTimeout(() => document.addEventListener('mousedown', outside), 0);
  }
  function close(keepFocus) {
    if (list.hidden) return;
    list.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('mousedown', outside);
    if (!keepFocus) button.focus();
  }
  function outside(ev) {
    if (!wrap.contains(ev.target)) close(true);
  }
  button.addEventListener('click', () => (list.hidden ? open() : close()));
  button.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); }
  });
  list.addEventListener('keydown', (ev) => {
    const e = enabled();
    const i = e.indexOf(document.activeElement);
    if (ev.key === 'ArrowDown') { ev.preventDefault(); e[(i + 1) % e.length].focus(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); e[(i - 1 + e.length) % e.length].focus(); }
    else if (ev.key === 'Home') { ev.preventDefault(); e[0].focus(); }
    else if (ev.key === 'End') { ev.preventDefault(); e[e.length - 1].focus(); }
    else if (ev.key === 'Escape') { ev.preventDefault(); close(); }
    else if (ev.key === 'Tab') close(true);
  });
  const wrap = h('div', { class: 'menu-wrap' }, button, list);
  return wrap;
}

async function planAction(cmd, message) {
  const r = await call(cmd);
  if (!r.ok || !r.value) return; // error shown, or dialog cancelled
  await planChanged(r.value);
  toast(message(r.value));
}

async function backupNow() {
  const r = await call('plan_backup');
  if (r.ok && r.value) toast(t('plan.backupWritten', { path: r.value }));
}

async function restoreDialog() {
  const r = await call('plan_list_backups');
  if (!r.ok) return;
  const backups = r.value;
  let chosen = backups.length ? backups[0].path : null;
  const when = (name) => {
    const m = /-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name);
    return m ? `${m[3]}.${m[2]}.${m[1]}, ${m[4]}:${m[5]}` : ''; // as fmt.dateTime
  };
  const list = backups.length
    ? h('div', { class: 'table-wrap table-wrap-short' }, h('table', { class: 'data-table', id: 'backup-table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, ''),
        h('th', { scope: 'col' }, t('restore.when')),
        h('th', { scope: 'col' }, t('restore.file')),
        h('th', { scope: 'col', class: 'num' }, t('restore.size')))),
      h('tbody', {}, backups.map((b, i) => {
        const id = `backup-${i}`;
        return h('tr', {},
          h('td', {}, h('input', {
            type: 'radio', name: 'backup', id, value: b.path, checked: i === 0,
            onchange: () => { chosen = b.path; },
          })),
          h('td', {}, h('label', { for: id }, when(b.file_name))),
          h('td', { class: 'mono' }, b.file_name),
          h('td', { class: 'num' }, fmt.bytes(b.size_bytes)));
      }))))
    : h('p', { class: 'muted' }, t('restore.none'));
  const res = await modal({
    title: t('restore.title'),
    size: 'wide',
    body: h('div', {}, h('p', {}, t('restore.text')), list),
    buttons: [
      { label: t('restore.other'), kind: 'secondary', value: 'other', align: 'start' },
      { label: t('dlg.cancel'), kind: 'secondary', value: undefined },
      ...(backups.length ? [{ label: t('restore.do'), kind: 'danger', submit: true, value: 'chosen', id: 'restore-do' }] : []),
    ],
  });
  if (res === 'chosen' || res === 'other') {
    const rr = await call('plan_restore_backup', { path: res === 'chosen' ? chosen : null });
    if (rr.ok && rr.value) {
      await planChanged(rr.value);
      toast(t('plan.restored'));
    }
  }
}

function planInfoDialog() {
  const row = (k, v) => h('div', { class: 'kv' }, h('dt', {}, k), h('dd', {}, v ?? '–'));
  modal({
    title: t('plan.infoTitle'),
    size: 'wide',
    body: h('dl', { class: 'kv-list' },
      row(t('plan.file'), plan.path),
      row(t('plan.traeger'), plan.traeger),
      row(t('plan.schools'), fmt.number(plan.schools)),
      row(t('plan.schema'), `${plan.schema_version} / ${plan.schema_current}`),
      plan.demo ? row(t('app.demoBadge'), t('app.demoHint')) : null),
    buttons: [{ label: t('dlg.close'), kind: 'primary', submit: true, value: true }],
  });
}

async function planChanged(info) {
  closeAll();
  plan = info;
  renderHeader();
  renderNav();
  await renderScreen();
  await showWarnings();
}

/** Warnings about the plan just opened (another instance, unclean shutdown), once. */
async function showWarnings() {
  if (plan && plan.warnings && plan.warnings.length) {
    await messageBox(plan.warnings.join('\n\n'), { title: t('dlg.notice') });
  }
}

async function refreshPlan() {
  const r = await call('plan_info');
  if (r.ok) {
    plan = r.value;
    renderHeader();
  }
  return plan;
}

// ---------------------------------------------------------------- navigation and screens

function renderNav() {
  const active = currentId();
  const nav = document.getElementById('app-nav');
  mount(nav, h('ul', { class: 'nav-list' }, screens.map((s) => h('li', {},
    h('a', {
      href: `#${s.id}`, class: 'nav-link', id: `nav-${s.id}`,
      'aria-current': s.id === active ? 'page' : null,
    }, icon(s.icon || s.id), h('span', {}, pick(s.title)))))));
}

async function renderScreen() {
  const main = document.getElementById('main');
  if (current && typeof current.cleanup === 'function') {
    try { current.cleanup(); } catch (e) { console.error(e); }
  }
  current = null;
  clear(main);
  const screen = screens.find((s) => s.id === currentId());
  main.dataset.screen = screen.id;
  if (!plan || !plan.open) {
    mount(main, h('section', { class: 'empty-state', id: 'no-plan' },
      h('h1', {}, t('app.noPlan')),
      h('p', {}, t('app.noPlanText')),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn btn-primary', onclick: () => planAction('plan_open', (p) => t('plan.opened', { name: p.name })) }, t('menu.open')),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => planAction('plan_new', (p) => t('plan.opened', { name: p.name })) }, t('menu.new')),
        h('button', { type: 'button', class: 'btn btn-secondary', onclick: () => planAction('plan_open_demo', (p) => t('plan.opened', { name: p.name })) }, t('menu.demo')),
        plan && plan.attempted_path
          ? h('button', { type: 'button', class: 'btn btn-secondary', id: 'no-plan-restore', onclick: restoreDialog }, t('menu.restore'))
          : null)));
    return;
  }
  const el = h('div', { class: 'screen', id: `screen-${screen.id}` });
  main.appendChild(el);
  try {
    const cleanup = await screen.render(el, ctx);
    current = { screen, cleanup };
  } catch (e) {
    console.error(e);
    mount(el, h('div', { class: 'alert alert-error', role: 'alert' }, (e && e.message) || String(e)));
  }
}

async function boot() {
  for (const s of screens) if (s.strings) registerStrings(s.strings);
  let info;
  try {
    info = await invoke('plan_info');
  } catch (e) {
    info = { open: false };
    showError(e);
  }
  plan = info;
  setLanguage(info.language || 'de');
  renderHeader();
  renderNav();
  await renderScreen();
  window.addEventListener('hashchange', () => {
    renderNav();
    renderScreen();
    document.getElementById('main').focus({ preventScroll: true });
  });
  onLanguageChange(() => {
    renderHeader();
    renderNav();
    renderScreen();
  });
  document.body.classList.add('ready');
  if (info.startup_error) await messageBox(info.startup_error.message, { title: t('dlg.notice') });
  await showWarnings();
}

boot();

// The bridge to the Rust commands. Every command returns either its value or rejects with
// `{kind, message}` (message in plain German). Two ways to call:
//
//   const schools = await invoke('schools_list');            // throws ApiError
//   const r = await call('schools_list'); if (!r.ok) return;  // shows the message box itself
//
// Command names are snake_case, argument names camelCase in JS (Tauri converts):
//   invoke('schools_get', { schulnummer: '123456' })

import { showError } from './dialog.js';
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;
  }
}

function tauriInvoke() {
  const core = window.__TAURI__ && window.__TAURI__.core;
  if (!core || typeof core.invoke !== 'function') {
    throw new ApiError('internal', t('app.noTauri'));
  }
  return core.invoke;
}

function normalize(e) {
  if (e instanceof ApiError) return e;
  if (e && typeof e === 'object' && 'message' in e) return new ApiError(e.kind || 'internal', String(e.message));
  return new ApiError('internal', String(e));
}

/** Calls a command; rejects with ApiError {kind, message}. */
export async function invoke(cmd, args = {}) {
  try {
    return await tauriInvoke()(cmd, args);
  } catch (e) {
    throw normalize(e);
  }
}

/** Calls a command; on error shows the message box. Resolves to {ok, value} or {ok:false, error}. */
export async function call(cmd, args = {}, { errorTitle } = {}) {
  try {
    return { ok: true, value: await invoke(cmd, args) };
  } catch (e) {
    const error = normalize(e);
    await showError(error, errorTitle);
    return { ok: false, error };
  }
}

// Shared by the home page and the docs page: same-origin calls to the admin API, with the admin
// key when the mock has one (kept for this tab only), and a DOM helper that never parses data as HTML.
'use strict';

const KEY_STORE = 'ou-mock-admin-key';

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Raised when the admin API wants a key this tab does not have. */
class KeyNeeded extends Error {}

/** fetch() of an admin route; rejects with the answer's detail on an error status. */
async function admin(path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const key = sessionStorage.getItem(KEY_STORE);
  if (key) headers['X-Admin-Key'] = key;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, { ...options, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  if (res.status === 403) {
    const detail = (await res.json().catch(() => ({}))).detail || '';
    if (/X-Admin-Key/.test(detail)) throw new KeyNeeded(detail);
    throw new Error(detail || 'forbidden');
  }
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(typeof body.detail === 'string' ? body.detail : `${res.status} ${JSON.stringify(body.detail || body)}`);
  }
  return res.status === 204 ? undefined : res;
}

async function adminJson(path, options) {
  const res = await admin(path, options);
  return res ? res.json() : undefined;
}

/** Shows a form under the page's header asking for the admin key; resolves once one is entered. */
function askForKey() {
  const input = el('input', { id: 'key-input', type: 'password', autocomplete: 'off', required: true });
  const form = el(
    'form',
    { id: 'key-form' },
    el('label', {}, 'This mock needs its admin key (', el('code', {}, 'X-Admin-Key'), ', printed in its banner): ', input),
    el('button', { type: 'submit' }, 'Use key'),
  );
  document.querySelector('header').after(form);
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        sessionStorage.setItem(KEY_STORE, input.value);
        form.remove();
        resolve();
      },
      { once: true },
    );
  });
}

/** Saves what an admin route answers as a file (a plain link could not carry the admin key). */
async function download(path, filename) {
  const res = await admin(path);
  const url = URL.createObjectURL(await res.blob());
  const link = el('a', { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** A token for `tenant` with both scopes, from the admin API (the same kind the banner prints). */
async function tokenFor(tenant) {
  const answer = await adminJson('/__mock/tokens', { method: 'POST', body: { tenant_id: tenant, scopes: ['ous:read', 'ous:write'] } });
  return answer.access_token;
}

// The home page: tenants with counts, the live tree and the users of an OU, the journal with its
// bodies, faults and stubs. It polls the journal (new entries only, every POLL_MS while the tab is
// visible) and reloads the rest when a request changed something.
'use strict';

const POLL_MS = 1500;
const JOURNAL_SHOWN = 100;

const view = {
  tenant: undefined,
  /** OU ids whose children are shown. */
  expanded: new Set(),
  /** The OU whose users are shown. */
  ou: undefined,
  /** OU ids seen so far, to mark new ones. */
  known: new Set(),
  lastSeq: 0,
};

const $ = (id) => document.getElementById(id);

function status(text) {
  $('status').textContent = text;
}

async function loadTenants() {
  const { data } = await adminJson('/__mock/tenants');
  if (view.tenant === undefined || !data.some((t) => t.tenant_id === view.tenant)) view.tenant = data[0] && data[0].tenant_id;
  $('tenant-rows').replaceChildren(
    ...data.map((t) =>
      el(
        'tr',
        { class: t.tenant_id === view.tenant ? 'selected' : undefined, 'data-tenant': t.tenant_id },
        el('td', {}, t.tenant_id),
        el('td', { class: 'ous' }, t.ous),
        el('td', { class: 'users' }, t.users),
        el('td', {}, el('button', { type: 'button', onclick: () => selectTenant(t.tenant_id) }, 'explore')),
      ),
    ),
  );
}

function selectTenant(tenant) {
  view.tenant = tenant;
  view.expanded.clear();
  view.ou = undefined;
  view.known.clear();
  refresh().catch(report);
}

async function children(parentId) {
  const query = parentId === undefined ? '' : `?parent_id=${encodeURIComponent(parentId)}`;
  return adminJson(`/__mock/tenants/${encodeURIComponent(view.tenant)}/ous${query}`);
}

/** The OU rows under `parentId`, with the expanded ones' children, fetched now. */
async function branch(parentId, firstLoad) {
  const { data, pagination } = await children(parentId);
  const items = [];
  for (const ou of data) {
    const open = view.expanded.has(ou.id) && ou.child_ou_count > 0;
    const isNew = !firstLoad && !view.known.has(ou.id);
    view.known.add(ou.id);
    const row = el(
      'div',
      { class: 'ou' },
      el('button', { type: 'button', class: 'toggle', 'aria-label': open ? 'collapse' : 'expand', disabled: ou.child_ou_count === 0, onclick: () => toggle(ou.id) }, ou.child_ou_count === 0 ? '·' : open ? '▾' : '▸'),
      el('button', { type: 'button', class: 'link', onclick: () => selectOu(ou) }, ou.name),
      el('span', { class: 'counts' }, `${ou.child_ou_count} OUs, ${ou.user_count} users`),
    );
    const li = el('li', { 'data-ou-id': ou.id, 'data-path': ou.path, class: [view.ou && view.ou.id === ou.id ? 'selected' : '', isNew ? 'new' : ''].join(' ').trim() || undefined }, row);
    if (open) li.append(el('ul', {}, await branch(ou.id, firstLoad)));
    items.push(li);
  }
  if (pagination.total_pages > 1) items.push(el('li', { class: 'hint' }, `${pagination.total_items - data.length} more not shown`));
  return items;
}

function toggle(id) {
  if (view.expanded.has(id)) view.expanded.delete(id);
  else view.expanded.add(id);
  loadTree(false).catch(report);
}

async function loadTree(firstLoad) {
  $('explorer-tenant').textContent = view.tenant === undefined ? '(no tenant)' : `of ${view.tenant}`;
  if (view.tenant === undefined) return $('tree').replaceChildren();
  $('tree').replaceChildren(...(await branch(undefined, firstLoad)));
}

function selectOu(ou) {
  view.ou = ou;
  loadTree(false)
    .then(loadUsers)
    .catch(report);
}

async function loadUsers() {
  if (view.ou === undefined) {
    $('users-title').textContent = 'Users (pick an OU)';
    return $('user-rows').replaceChildren();
  }
  let answer;
  try {
    answer = await adminJson(`/__mock/tenants/${encodeURIComponent(view.tenant)}/ous/${encodeURIComponent(view.ou.id)}/users`);
  } catch (err) {
    // The OU went away (deleted, or a reset): nothing to show any more.
    view.ou = undefined;
    return loadUsers();
  }
  $('users-title').textContent = `Users of ${view.ou.path} (${answer.pagination.total_items})`;
  $('user-rows').replaceChildren(...answer.data.map((u) => el('tr', {}, el('td', {}, u.display_name), el('td', {}, u.email), el('td', {}, el('code', {}, u.id)))));
}

function pretty(text) {
  if (text === undefined) return '(no body)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function journalItem(e) {
  const head = `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`;
  const cut = (m) => (m.body_truncated ? `\n… cut (${m.body_size} bytes in all)` : '');
  return el(
    'li',
    { 'data-seq': e.seq },
    el(
      'details',
      {},
      el('summary', {}, el('span', { class: `s${String(e.status)[0]}` }, e.status === 0 ? 'cut' : e.status), ` ${head} `, el('span', { class: 'hint' }, `${e.duration_ms} ms`)),
      el('div', { class: 'hint' }, `${e.at} · request id ${e.request_id}`),
      el('strong', {}, 'request'),
      el('pre', {}, Object.entries(e.request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')),
      el('pre', {}, pretty(e.request.body) + cut(e.request)),
      el('strong', {}, 'response'),
      el('pre', {}, Object.entries(e.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')),
      el('pre', {}, pretty(e.response.body) + cut(e.response)),
    ),
  );
}

/** New journal entries since the last poll; true when one of them may have changed something. */
async function pollJournal() {
  const { data } = await adminJson(`/__mock/journal?since=${view.lastSeq}&limit=${JOURNAL_SHOWN}`);
  if (data.length === 0) return false;
  view.lastSeq = data[data.length - 1].seq;
  const list = $('journal-list');
  for (const entry of data) list.prepend(journalItem(entry));
  while (list.children.length > JOURNAL_SHOWN) list.lastElementChild.remove();
  return data.some((e) => e.method !== 'GET' && e.method !== 'HEAD' && e.method !== 'OPTIONS');
}

async function loadFaults() {
  const { data } = await adminJson('/__mock/faults');
  const rules = data ? data.rules : [];
  $('fault-list').replaceChildren(...(rules.length === 0 ? [el('li', { class: 'hint' }, 'none')] : rules.map((r) => el('li', {}, el('code', {}, JSON.stringify(r))))));
  $('clear-faults').disabled = rules.length === 0;
}

async function loadStubs() {
  const { data } = await adminJson('/__mock/stubs');
  $('stub-list').replaceChildren(
    ...(data.length === 0
      ? [el('li', { class: 'hint' }, 'none')]
      : data.map((s) =>
          el(
            'li',
            { 'data-stub': s.id },
            el('code', {}, JSON.stringify({ match: s.match, respond: s.respond })),
            el('span', { class: 'hint' }, ` ${s.hits} hits${s.remaining === undefined ? '' : `, ${s.remaining} left`} `),
            el('button', { type: 'button', onclick: () => act(admin(`/__mock/stubs/${encodeURIComponent(s.id)}`, { method: 'DELETE' }), 'stub removed') }, 'remove'),
          ),
        )),
  );
  $('clear-stubs').disabled = data.length === 0;
}

async function refresh(firstLoad = false) {
  await loadTenants();
  await loadTree(firstLoad);
  await loadUsers();
  await loadFaults();
  await loadStubs();
}

let keyAsked;

function report(err) {
  if (err instanceof KeyNeeded) {
    status('The admin API needs its key: enter it above.');
    keyAsked ??= askForKey().then(() => {
      keyAsked = undefined;
      status('');
      return refresh(true);
    });
    return;
  }
  status(err instanceof Error ? err.message : String(err));
}

async function act(promise, done) {
  try {
    await promise;
    status(done);
    await pollJournal();
    await refresh();
  } catch (err) {
    report(err);
  }
}

async function loadDocuments() {
  const res = await fetch('/__mock/openapi');
  const { data } = await res.json();
  $('documents').replaceChildren(...data.map((d) => el('a', { href: d.url, title: d.title }, `${d.id}.yaml`)));
}

async function tick() {
  if (document.visibilityState === 'visible' && keyAsked === undefined) {
    try {
      if (await pollJournal()) await refresh();
    } catch (err) {
      report(err);
    }
  }
  setTimeout(tick, POLL_MS);
}

$('reset-all').addEventListener('click', () => act(admin('/__mock/reset', { method: 'POST', body: {} }), 'every tenant is back to its seeded state'));
$('clear-faults').addEventListener('click', () => act(admin('/__mock/faults', { method: 'DELETE' }), 'faults cleared'));
$('clear-stubs').addEventListener('click', () => act(admin('/__mock/stubs', { method: 'DELETE' }), 'stubs cleared'));
$('download-snapshot').addEventListener('click', () => download('/__mock/snapshot', 'ou-mock-snapshot.json').catch(report));
$('download-har').addEventListener('click', () => download('/__mock/journal.har', 'ou-mock-journal.har').catch(report));

loadDocuments().catch(report);
refresh(true)
  .then(() => pollJournal())
  .catch(report)
  .finally(() => setTimeout(tick, POLL_MS));

// The API docs: Swagger UI (from the installed swagger-ui-dist) over every document the mock
// serves, "try it" aimed at this mock (the documents' servers are its origin) with a ready token.
'use strict';

/** The token "try it" sends, and how each document carries it (`Bearer x`, or bare for AD). */
const auth = { tenant: undefined, token: undefined, styles: new Map() };

function status(text) {
  document.getElementById('status').textContent = text;
}

async function prepareToken() {
  try {
    const { data } = await adminJson('/__mock/tenants');
    if (data.length === 0) return status('No tenant yet: create one with POST /__mock/tenants (admin API).');
    auth.tenant = data[0].tenant_id;
    auth.token = await tokenFor(auth.tenant);
    status(`"Try it" sends a read-write token of tenant ${auth.tenant} (valid 1 h); paths name the tenant: use ${auth.tenant}.`);
  } catch (err) {
    if (err instanceof KeyNeeded) {
      status('A token needs the admin key: enter it above.');
      await askForKey();
      return prepareToken();
    }
    status(`No token: ${err.message}`);
  }
}

/** Adds the admin key to admin calls and the token to API calls; `specUrl` says which document is shown. */
function withToken(specUrl) {
  return (req) => {
    const path = new URL(req.url, location.href).pathname;
    const headers = req.headers || (req.headers = {});
    const key = sessionStorage.getItem(KEY_STORE);
    if (path.startsWith('/__mock')) {
      if (key) headers['X-Admin-Key'] = key;
      return req;
    }
    const style = auth.styles.get(specUrl());
    const hasAuth = Object.keys(headers).some((h) => h.toLowerCase() === 'authorization');
    if (auth.token && !hasAuth && style !== 'none') headers.Authorization = style === 'bare' ? auth.token : `Bearer ${auth.token}`;
    return req;
  };
}

async function start() {
  const res = await fetch('/__mock/openapi');
  const { data } = await res.json();
  for (const d of data) auth.styles.set(d.url, d.credential);
  await prepareToken();
  let ui;
  const interceptor = withToken(() => ui.specSelectors.url());
  ui = SwaggerUIBundle({
    urls: data.map((d) => ({ url: d.url, name: `${d.title} (${d.id})` })),
    'urls.primaryName': `${data[0].title} (${data[0].id})`,
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    // No call to the public validator: the page works offline.
    validatorUrl: null,
    tryItOutEnabled: true,
    displayRequestDuration: true,
    requestInterceptor: interceptor,
  });
}

start().catch((err) => status(err.message));

// The browser build of `ou-contract/msw` (`ou-contract/msw/browser`): one ES module that imports
// nothing but `msw`, so a Vite, webpack or esbuild app bundles it with no polyfill set-up.
// The mock's code is the Node code; only its Node built-ins are swapped at bundle time:
// - `node:crypto`, `node:http`, `node:timers/promises`, `node:url`, `node:module`: small modules
//   in mock/msw/browser/ on Web Crypto and well-kept packages (@noble/hashes, statuses);
// - `node:path`: pathe; the global `Buffer`: the `buffer` package; `process.stderr`: the console;
// - `node:fs`: reads of the contracts, embedded here from the YAML files (still the single source);
// - `import.meta.url`: each module's place in the package, so the paths the code computes are
//   the keys of the embedded files;
// - every other built-in, and undici: the verification side only (suites/, drivers), never run
//   by the mock; an empty module, so a call would fail loudly;
// - a dependency's `import(name)` of a built-in named by a constant (json-schema-ref-parser hides
//   its Node-only HTTP and DNS code so): the import of that name, bundled as above, so the
//   user's bundler, which follows such constants, finds no built-in to resolve.
// Run by `npm run build` (dist/browser/msw.js) and by the browser test (mock/msw/test/browser.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHIMS = join(ROOT, 'mock', 'msw', 'browser');
/** Where the package's files are in the bundle's view: any fixed absolute path. */
const VIRTUAL_ROOT = '/ou-contract';

/** The data files the mock reads while it runs: every contract, the admin API's, and its version. */
function embeddedFiles() {
  const files = readdirSync(join(ROOT, 'contracts'))
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => join('contracts', name));
  files.push(join('mock', 'admin', 'admin-api.yaml'));
  const embedded = Object.fromEntries(files.map((file) => [`${VIRTUAL_ROOT}/${file}`, readFileSync(join(ROOT, file), 'utf8')]));
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  embedded[`${VIRTUAL_ROOT}/package.json`] = JSON.stringify({ name, version });
  return embedded;
}

const SHIMMED = {
  'node:crypto': join(SHIMS, 'crypto.ts'),
  'node:http': join(SHIMS, 'http.ts'),
  'node:timers/promises': join(SHIMS, 'timers-promises.ts'),
  'node:url': join(SHIMS, 'url.ts'),
  'node:fs': join(SHIMS, 'fs.ts'),
  'node:module': join(SHIMS, 'module.ts'),
};

/** @type {import('esbuild').Plugin} */
const nodeForTheBrowser = {
  name: 'ou-contract-node-for-the-browser',
  setup(b) {
    b.onResolve({ filter: /^node:path$/ }, (args) => b.resolve('pathe', { kind: args.kind, resolveDir: ROOT }));
    b.onResolve({ filter: /^node:/ }, (args) => (SHIMMED[args.path] ? { path: SHIMMED[args.path] } : { path: args.path, namespace: 'unavailable' }));
    b.onResolve({ filter: /^undici$/ }, (args) => ({ path: args.path, namespace: 'unavailable' }));
    b.onLoad({ filter: /.*/, namespace: 'unavailable' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
    b.onResolve({ filter: /^ou-contract:embedded-files$/ }, (args) => ({ path: args.path, namespace: 'embedded' }));
    b.onLoad({ filter: /.*/, namespace: 'embedded' }, () => ({ contents: `export const files = ${JSON.stringify(embeddedFiles())};`, loader: 'js', watchFiles: [] }));
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const named = new Map([...text.matchAll(/const (\w+) = ([^;\n]*"node:[^;\n]*);/g)].map(([, name, value]) => [name, value]));
      if (named.size === 0) return undefined;
      return { contents: text.replace(/\bimport\((\w+)\)/g, (call, name) => (named.has(name) ? `import(${named.get(name)})` : call)), loader: 'js' };
    });
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const url = pathToFileURL(`${VIRTUAL_ROOT}/${relative(ROOT, args.path)}`).href;
      return { contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(url)), loader: 'ts' };
    });
  },
};

/**
 * Bundles `ou-contract/msw` for the browser (entry: mock/msw/browser/index.ts) into `outfile`
 * and returns esbuild's metafile.
 *
 * @param {{ outfile: string }} opts
 */
export async function bundleMswBrowser({ outfile }) {
  const result = await build({
    entryPoints: [join(SHIMS, 'index.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    // Syntax is left unminified: it would fold a computed `import(name)` in a dependency
    // (json-schema-ref-parser's DNS look-up, Node only) into a literal one the user's bundler resolves.
    minifyWhitespace: true,
    minifyIdentifiers: true,
    // The app's own msw: one instance for its worker and these handlers.
    external: ['msw', 'msw/*'],
    inject: [join(SHIMS, 'globals.ts')],
    define: { 'process.stderr': 'processStderr' },
    plugins: [nodeForTheBrowser],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'linked',
  });
  return result.metafile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2] ?? join(ROOT, 'dist', 'browser', 'msw.js');
  await bundleMswBrowser({ outfile });
  process.stdout.write(`${relative(ROOT, outfile)}\n`);
}

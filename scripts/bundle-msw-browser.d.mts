import type { Metafile } from 'esbuild';

/** See bundle-msw-browser.mjs. */
export function bundleMswBrowser(opts: { outfile: string }): Promise<Metafile>;

// Plain Spectral CLI entry, same rules as `ou-contract lint`, no bundling step:
//   npx spectral lint contracts/ou-api.yaml --ruleset contracts/.spectral.mjs
// The CLI loads this file as CommonJS, so tsx's require hook compiles the TypeScript ruleset on the fly.
import 'tsx/cjs';

// `require` here is the CLI's loader, which resolves relative to this file; a static import would make its bundler parse TypeScript.
const { ouRuleset } = require('./ruleset.ts');

export default ouRuleset;

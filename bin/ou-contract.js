#!/usr/bin/env node
// The CLI from the sources, for this repository (npm start, the tests): TypeScript through tsx,
// a devDependency. The published package runs the compiled dist/cli/main.js instead (its `bin`).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');

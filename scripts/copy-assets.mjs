// Part of `npm run build`: the data files the compiled code reads at run time through
// `new URL('./file', import.meta.url)`, copied to the same place under dist/.
import { cpSync } from 'node:fs';

const ASSETS = [
  'contracts/ou-api.yaml',
  'contracts/behaviour/ou-api-behaviour.md',
  'mock/admin/admin-api.yaml',
  // Each dialect: its contract and its rule catalogue (dialects/<id>/index.ts reads both).
  'contracts/orgunit-v2.yaml',
  'contracts/behaviour/orgunit-v2.md',
  'contracts/admanager.yaml',
  'contracts/behaviour/admanager.md',
  'contracts/idaas.yaml',
  'contracts/behaviour/idaas.md',
  // The home and docs pages.
  'mock/ui',
];

// recursive: mock/ui is a folder.
for (const file of ASSETS) cpSync(file, `dist/${file}`, { recursive: true });

// Part of `npm run build`: the data files the compiled code reads at run time through
// `new URL('./file', import.meta.url)`, copied to the same place under dist/.
import { cpSync } from 'node:fs';

const ASSETS = [
  'contracts/ou-api.yaml',
  'contracts/behaviour/ou-api-behaviour.md',
  'mock/admin/admin-api.yaml',
  'contracts/orgunit-v2.yaml',
  'contracts/admanager.yaml',
  'contracts/idaas.yaml',
  'mock/ui',
];

// recursive: mock/ui is a folder (the home and docs pages).
for (const file of ASSETS) cpSync(file, `dist/${file}`, { recursive: true });

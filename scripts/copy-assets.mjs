// Part of `npm run build`: the data files the compiled code reads at run time through
// `new URL('./file', import.meta.url)`, copied to the same place under dist/.
import { cpSync } from 'node:fs';

const ASSETS = ['contracts/ou-api.yaml', 'contracts/behaviour/ou-api-behaviour.md', 'mock/admin/admin-api.yaml'];
// orgunit-v2: its contract and its rule catalogue (dialects/orgunit-v2/index.ts reads both).
ASSETS.push('contracts/orgunit-v2.yaml', 'contracts/behaviour/orgunit-v2.md');
// idaas: its contract and its rule catalogue (dialects/idaas/index.ts reads both).
ASSETS.push('contracts/idaas.yaml', 'contracts/behaviour/idaas.md');
// admanager: its contract and its rule catalogue (dialects/admanager/index.ts reads both).
ASSETS.push('contracts/admanager.yaml', 'contracts/behaviour/admanager.md');

for (const file of ASSETS) cpSync(file, `dist/${file}`);

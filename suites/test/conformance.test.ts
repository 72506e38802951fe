import { defineConformanceSuite } from '../vitest.ts';
import { mockTarget } from './target.ts';

// Every check against the in-process mock, with every optional credential and the
// admin-http users adapter given, so nothing is skipped.
defineConformanceSuite(await mockTarget());

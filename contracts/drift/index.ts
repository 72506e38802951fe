export { ADDITIVE, compareWithContract, formatDrift } from './compare.ts';
export type { DriftIssue } from './compare.ts';
export { describeType, parseTypeCell, sameType } from './page-type.ts';
export type { NullableType, PageType } from './page-type.ts';
export { ReferencePageError, loadReferencePage, parseReferencePage, referencePageExists, referencePagePath } from './reference-page.ts';
export type { PageEndpoint, PageField, PageParameter, PageRequestBody, PageResponse, PageSchema, ReferencePage } from './reference-page.ts';

/**
 * Test-only defect switches of the admanager layer: each breaks exactly one rule, so the
 * defect table test can show that rule's check fails (and only on purpose). None reaches
 * the core: the handlers bend their own reading of the request.
 */
export const AD_DEFECTS = {
  'ad-bare-token-refused': { rule: 'AD-A1', what: "the page's bare `Authorization: <token>` is refused (only Bearer works)" },
  'ad-write-without-scope': { rule: 'AD-A2', what: 'PATCH works with a token that lacks ous:write' },
  'ad-error-without-title': { rule: 'AD-E1', what: 'errors the handlers find (filter, sort, fields, window, body) come without `title`' },
  'ad-from-zero-based': { rule: 'AD-L1', what: '`from` is read as a 0-based offset' },
  'ad-total-is-window': { rule: 'AD-L2', what: '`total_no_of_objects` counts the window, not every match' },
  'ad-unknown-domain-ignored': { rule: 'AD-L3', what: "an unknown domain lists the token's own domain instead of answering 400" },
  'ad-fields-ignored': { rule: 'AD-L4', what: '`fields` is ignored: every object has the default columns' },
  'ad-filter-case-sensitive': { rule: 'AD-L5', what: 'filter comparisons respect case' },
  'ad-sort-desc-ignored': { rule: 'AD-L6', what: '`-` before a sort column is ignored (always ascending)' },
  'ad-date-format-ignored': { rule: 'AD-L7', what: '`X-Date-Time-Format` is ignored: dates stay ISO 8601' },
  'ad-patch-ignores-window': { rule: 'AD-U1', what: 'a PATCH with a filter updates every match, ignoring from/limit' },
  'ad-bulk-stops-at-failure': { rule: 'AD-U2', what: 'a bulk update stops at the first failed item: later targets are neither changed nor listed' },
  'ad-move-ignored': { rule: 'AD-U3', what: 'OUName with a filter reports success but moves nothing' },
  'ad-prevent-deletion-ignored': { rule: 'AD-U4', what: '`preventDeletion` is accepted but not stored' },
} as const satisfies Readonly<Record<string, { rule: string; what: string }>>;

export type AdDefect = keyof typeof AD_DEFECTS;

/** Whether the defect is on (the env's set holds every dialect's switches that are on). */
export function hasDefect(defects: ReadonlySet<string>, name: AdDefect): boolean {
  return defects.has(name);
}

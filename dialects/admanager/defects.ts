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
  // Boundary and combination variants (the hold-out set's kind): each still breaks one rule.
  'ad-bare-token-get-only': { rule: 'AD-A1', what: 'the bare `Authorization: <token>` works for GET but a PATCH with it is 401' },
  'ad-foreign-domain-case-400': { rule: 'AD-A2', what: "another tenant's domain written in another case is 400 (unknown) instead of 403" },
  'ad-foreign-guid-visible': { rule: 'AD-A2', what: "a filter on another tenant's OBJECT_GUID that matches nothing here reads (GET) and changes (PATCH) that tenant's OU" },
  'ad-patch-checks-window-late': { rule: 'AD-E1', what: 'a PATCH with a bad from/limit/sort changes the targets first, then answers 400' },
  'ad-default-limit-unapplied': { rule: 'AD-L1', what: 'without `limit` every match is listed, though meta says 10' },
  'ad-from-at-last-empty': { rule: 'AD-L1', what: '`from` > 1 equal to the number of matches (the exact last object) answers data []' },
  'ad-unknown-domain-among-known': { rule: 'AD-L3', what: 'an unknown domain listed next to a known one is skipped instead of answering 400' },
  'ad-domain-first-label': { rule: 'AD-L3', what: 'a domain is recognised by its first label alone (`acme.invalid` reads as acme.example.com)' },
  'ad-meta-start-zero-based': { rule: 'AD-L2', what: '`meta.start_index` is the 0-based offset (from − 1)' },
  'ad-fields-case-sensitive': { rule: 'AD-L4', what: '`fields` names must be written in upper case' },
  'ad-fields-unknown-code-107': { rule: 'AD-L4', what: 'an unknown column in `fields` is 400 00000107 instead of 00000100' },
  'ad-dn-plus-unescaped': { rule: 'AD-L4', what: 'a `+` in a name is not escaped in DNs' },
  'ad-dn-backslash-unescaped': { rule: 'AD-L4', what: 'a `\\` in a name is not escaped in DNs' },
  'ad-dn-quote-unescaped': { rule: 'AD-L4', what: 'a `"` in a name is not escaped in DNs' },
  'ad-dn-semicolon-unescaped': { rule: 'AD-L4', what: 'a `;` in a name is not escaped in DNs' },
  'ad-dn-angle-unescaped': { rule: 'AD-L4', what: '`<` and `>` in a name are not escaped in DNs' },
  'ad-dn-hash-unescaped': { rule: 'AD-L4', what: 'a leading `#` of a name is not escaped in DNs' },
  'ad-guid-lower-case': { rule: 'AD-L4', what: 'OBJECT_GUID is shown in lower case' },
  'ad-filter-flat-precedence': { rule: 'AD-L5', what: '`and` and `or` bind left to right (`a or b and c` reads `(a or b) and c`)' },
  'ad-filter-sw-as-co': { rule: 'AD-L5', what: '`sw` matches anywhere in the value (as `co`)' },
  'ad-filter-ew-as-co': { rule: 'AD-L5', what: '`ew` matches anywhere in the value (as `co`)' },
  'ad-filter-strict-inclusive': { rule: 'AD-L5', what: '`gt` and `lt` also match an equal value' },
  'ad-filter-quoted-trimmed': { rule: 'AD-L5', what: 'a quoted value loses its outer white space' },
  'ad-filter-escapes-raw': { rule: 'AD-L5', what: 'JSON escapes in a quoted value (`\\"`, `\\\\`) are not decoded' },
  'ad-filter-unknown-column-lazy': { rule: 'AD-L5', what: 'an unknown column is unset instead of 400 (noticed only when nothing else decides)' },
  'ad-filter-ascii-case': { rule: 'AD-L5', what: 'comparisons ignore case for ASCII letters only (`É` ≠ `é`)' },
  'ad-sort-ties-by-creation': { rule: 'AD-L6', what: 'ties break by creation order, not by DISTINGUISHED_NAME' },
  'ad-sort-ties-by-guid': { rule: 'AD-L6', what: 'ties break by OBJECT_GUID, not by DISTINGUISHED_NAME' },
  'ad-sort-default-by-guid': { rule: 'AD-L6', what: 'without `sort` the objects come in OBJECT_GUID order, not by NAME' },
  'ad-sort-unknown-ignored': { rule: 'AD-L6', what: 'an unknown sort column without `-` falls back to NAME instead of 400' },
  'ad-date-format-created-only': { rule: 'AD-L7', what: '`X-Date-Time-Format` formats WHEN_CREATED but WHEN_CHANGED stays ISO 8601' },
  'ad-patch-filter-case-sensitive': { rule: 'AD-U1', what: "a PATCH's filter compares NAME with case (the GET's does not)" },
  'ad-patch-name-prefix': { rule: 'AD-U1', what: 'without a filter, `name` also finds an OU whose name starts with it' },
  'ad-patch-container-ignored': { rule: 'AD-U1', what: 'without a filter, `OUName` is ignored: the first OU of that name anywhere is the target' },
  'ad-patch-ambiguous-first': { rule: 'AD-U1', what: 'without a filter or OUName, a name several OUs have targets the first of them' },
  'ad-patch-total-is-items': { rule: 'AD-U2', what: "a PATCH's `total_no_of_objects` counts the items, not every match" },
  'ad-bulk-all-or-nothing': { rule: 'AD-U2', what: 'one failed item undoes the whole batch: every item status_code 0' },
  'ad-item-top-container-dash': { rule: 'AD-U2', what: 'the item of a top-level OU shows `Container Name` "-" instead of the domain root' },
  'ad-failed-item-half-applied': { rule: 'AD-U2', what: 'an item failing on its name still gets the other attributes' },
  'ad-name-taken-prefix': { rule: 'AD-U3', what: "a new name that extends a sibling's (or that a sibling's extends) is refused as taken" },
  'ad-container-domain-ignored': { rule: 'AD-U3', what: "OUName's DC= part is not compared: another domain's DN moves the OU to the same path here" },
  'ad-country-code-any-two': { rule: 'AD-U3', what: '`c` needs two characters, not two letters (`1A` is stored)' },
  'ad-move-to-root-refused': { rule: 'AD-U3', what: 'OUName naming the domain root fails the item (no such container)' },
} as const satisfies Readonly<Record<string, { rule: string; what: string }>>;

export type AdDefect = keyof typeof AD_DEFECTS;

/** Whether the defect is on (the env's set holds every dialect's switches that are on). */
export function hasDefect(defects: ReadonlySet<string>, name: AdDefect): boolean {
  return defects.has(name);
}

/**
 * Test-only defect switches of the `orgunit-v2` layer: each breaks exactly one rule of the
 * page, so `verify --dialect orgunit-v2` is shown to catch it (test/defects.test.ts). They
 * live in this dialect's handlers, never in the core.
 */
export const V2_DEFECTS = {
  'v2-cross-project-view': { rule: 'V2-A1', what: "view finds a unit of another project when the id is unknown in the token's project" },
  'v2-error-plain': { rule: 'V2-E1', what: 'errors a handler answers (404, 409) carry only {"message"}, not Yii2\'s {name, message, code, status}' },
  'v2-partial-update': { rule: 'V2-E2', what: 'update applies the fields one by one, so a refused one leaves the earlier ones changed' },
  'v2-per-page-default-10': { rule: 'V2-L1', what: 'index without per-page uses 10 items a page, not 20' },
  'v2-page-count-floor': { rule: 'V2-L2', what: 'X-Pagination-Page-Count rounds down (floor), not up' },
  'v2-name-filter-case': { rule: 'V2-L3', what: 'filter.name compares case-sensitively' },
  'v2-code-nulls-first-desc': { rule: 'V2-L4', what: 'sort=-code puts the units without a code first' },
  'v2-no-link': { rule: 'V2-L5', what: 'index answers without the Link header' },
  'v2-view-code-null': { rule: 'V2-G1', what: 'view shows code null whatever the unit has' },
  'v2-create-project-blank': { rule: 'V2-C1', what: 'the 201 of create names the project "" instead of the token\'s' },
  'v2-code-taken-suffixed': { rule: 'V2-C2', what: 'a taken code is made unique with a suffix and the unit created (201), not refused with 422' },
  'v2-sibling-name-suffixed': { rule: 'V2-C3', what: 'a name a sibling has is made unique with " (2)" and the unit created (201), not refused with 422' },
  'v2-update-clears-absent': { rule: 'V2-U1', what: 'update clears the description when the body leaves it out' },
  'v2-update-ignores-project': { rule: 'V2-U2', what: 'update ignores a changed project_id (200) instead of refusing it (422)' },
  'v2-force-default-true': { rule: 'V2-D1', what: 'delete without force deletes as force=true' },
  'v2-leaf-preview': { rule: 'V2-D2', what: 'delete with force=false of a unit without related entities answers 409 with an empty related list' },
  'v2-preview-direct-only': { rule: 'V2-D3', what: 'the 409 preview lists the direct children only, not every descendant' },
  'v2-force-moves-up': { rule: 'V2-D4', what: 'delete with force=true moves the children up instead of deleting them' },
  'v2-delete-unknown-204': { rule: 'V2-D5', what: 'delete of an unknown id answers 204' },
} as const satisfies Readonly<Record<string, { rule: string; what: string }>>;

export type V2Defect = keyof typeof V2_DEFECTS;

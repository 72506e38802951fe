/**
 * Test-only defect switches of the idaas layer: each breaks one MUST rule of idaas.md, so
 * `verify --dialect idaas` can be shown to catch it (dialects/idaas/test/defects.test.ts).
 * They live in this dialect's handlers, never in the core.
 */
export const IDAAS_DEFECTS = {
  'id-tenant-from-token': { rule: 'ID-A1', what: 'the instanceId of the path is ignored: a token of another instance works on its own instance instead of answering 403' },
  'id-conflict-plain-body': { rule: 'ID-E1', what: 'a refused delete answers 409 {"message": …} instead of {requestId, code, message}' },
  'id-create-201': { rule: 'ID-C1', what: 'CreateOrganizationalUnit answers 201 instead of 200' },
  'id-unknown-parent-under-root': { rule: 'ID-C2', what: 'an unknown parentId creates the unit under the root instead of answering 404' },
  'id-external-id-random-default': { rule: 'ID-C3', what: 'a unit created without an external id gets a random one instead of its own id' },
  'id-sibling-name-400': { rule: 'ID-C4', what: 'a sibling name taken (case-insensitively) answers 400 instead of 409' },
  'id-root-not-found': { rule: 'ID-G1', what: 'GetOrganizationalUnit of the root answers 404' },
  'id-list-case-sensitive-order': { rule: 'ID-L1', what: 'the list is ordered by the name as written, not lower-cased' },
  'id-patch-null-clears': { rule: 'ID-U1', what: 'description: null in a PATCH clears the description instead of leaving it' },
  'id-delete-with-children': { rule: 'ID-D1', what: 'a unit with child units is deleted together with them instead of answering 409' },
  'id-lookup-unknown-root': { rule: 'ID-X1', what: 'an external id no unit has answers 200 with the root id instead of 404' },
} as const satisfies Record<string, { rule: string; what: string }>;

export type IdaasDefect = keyof typeof IDAAS_DEFECTS;

/** Whether a defect of this layer is on (the host passes the dialect's switches in `env.defects`). */
export function defectOn(defects: ReadonlySet<string>, name: IdaasDefect): boolean {
  return defects.has(name);
}

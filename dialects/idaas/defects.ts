/**
 * Test-only defect switches of the idaas layer: each breaks one MUST rule of idaas.md, so
 * `verify --dialect idaas` can be shown to catch it (dialects/idaas/test/verify.test.ts).
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
  // Boundary and combination variants (REDTEAM.md): each differs from the page in one rule, only at an edge.
  'id-instance-id-normalised': { rule: 'ID-A1', what: 'the instanceId of the path is lower-cased and trimmed before it is compared with the token\'s, so "ACME" or "acme " serve the instance "acme"' },
  'id-foreign-get': { rule: 'ID-A1', what: 'GetOrganizationalUnit finds a unit id of another instance and shows it' },
  'id-foreign-patch': { rule: 'ID-A1', what: 'UpdateOrganizationalUnit renames a unit of another instance named by its id' },
  'id-foreign-delete': { rule: 'ID-A1', what: 'DeleteOrganizationalUnit deletes a unit of another instance named by its id' },
  'id-foreign-parent': { rule: 'ID-A1', what: 'a parentId of another instance is used there: Create makes the unit in that instance, List lists its children' },
  'id-lookup-any-instance': { rule: 'ID-A1', what: 'the lookup action finds the units of the instance its organizationalUnitSourceId names, whichever instance the path names' },
  'id-external-id-reserved-after-delete': { rule: 'ID-C3', what: 'the external id of a deleted unit stays taken (409) instead of free' },
  'id-external-id-unique-ignoring-case': { rule: 'ID-C3', what: 'external ids are compared case-insensitively for uniqueness: "EXT" is refused when "ext" exists' },
  'id-root-external-id-free': { rule: 'ID-C3', what: 'the root\'s external id is not reserved: a unit may take it' },
  'id-source-id-application': { rule: 'ID-C3', what: 'build_in units show the applicationId as organizationalUnitSourceId instead of the instanceId' },
  'id-name-length-code-units': { rule: 'ID-C2', what: 'the 255-character limit of a name counts UTF-16 code units: 255 characters outside the BMP are refused' },
  'id-sibling-name-prefix': { rule: 'ID-C4', what: 'a name that extends a sibling\'s ("Finance Ops" beside "Finance") is refused as taken' },
  'id-sibling-name-like': { rule: 'ID-C4', what: 'sibling names are compared as SQL LIKE patterns: "Fin_nce" is refused beside "Finance"' },
  'id-times-in-seconds': { rule: 'ID-G1', what: 'createTime and updateTime are Unix seconds instead of milliseconds' },
  'id-list-page-size-one-refused': { rule: 'ID-L1', what: 'pageSize 1, the lower bound, answers 400' },
  'id-list-page-overflow': { rule: 'ID-L1', what: 'the offset of a page is computed in 32 bits: a huge pageNumber wraps and gives a page of data instead of []' },
  'id-list-upper-case-order': { rule: 'ID-L1', what: 'the list is ordered by the upper-cased name, so "kilo_x" comes after "kiloa"' },
  'id-list-item-no-description': { rule: 'ID-L1', what: 'the units of the list lack their description (Get shows it)' },
  'id-patch-both-drops-description': { rule: 'ID-U1', what: 'a PATCH with both a name and a description changes only the name' },
  'id-patch-description-keeps-update-time': { rule: 'ID-U1', what: 'updateTime advances on a rename but not on a description change' },
  'id-patch-refused-applies-description': { rule: 'ID-U1', what: 'a PATCH refused for its name (409 sibling, 400 blank) still stores its description' },
  'id-patch-self-case-conflict': { rule: 'ID-U1', what: 'renaming a unit to its own name in another case is refused as a sibling conflict (409)' },
  'id-delete-refused-prunes-deep-leaves': { rule: 'ID-D1', what: 'a delete refused for children (409) first removes the childless units two or more levels below' },
  'id-delete-users-name-code': { rule: 'ID-D1', what: 'a delete refused for users answers 409 EntityAlreadyExists.OrganizationalUnit.Name instead of OperationConflict.OrganizationalUnit' },
  'id-lookup-ignores-source': { rule: 'ID-X1', what: 'the lookup action matches the external id alone, whatever organizationalUnitSourceType and organizationalUnitSourceId say' },
  'id-lookup-like': { rule: 'ID-X1', what: 'the lookup action matches the external id as a SQL LIKE pattern (% and _ are wildcards)' },
  'id-lookup-prefix': { rule: 'ID-X1', what: 'the lookup action finds a unit whose external id starts with the one given' },
  'id-lookup-ignoring-case': { rule: 'ID-X1', what: 'the lookup action compares external ids case-insensitively' },
  'id-lookup-trims': { rule: 'ID-X1', what: 'the lookup action trims the external id it is given, so one stored with outer white space is not found' },
  'id-lookup-root-missing': { rule: 'ID-X1', what: 'the lookup action does not find the root by the external id Get shows for it' },
} as const satisfies Record<string, { rule: string; what: string }>;

export type IdaasDefect = keyof typeof IDAAS_DEFECTS;

/** Whether a defect of this layer is on (the host passes the dialect's switches in `env.defects`). */
export function defectOn(defects: ReadonlySet<string>, name: IdaasDefect): boolean {
  return defects.has(name);
}

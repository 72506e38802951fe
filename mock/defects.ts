/**
 * Test-only defect switches. Each one deliberately breaks one behaviour rule so the
 * conformance suites can be shown to catch it (a check that cannot fail is a defect).
 * They are off unless a test, or `ou-contract mock --defect NAME`, turns them on.
 */
export const DEFECTS = {
  // core: domain behaviour, as core Policies (dialects/ou-api/defect-policies.ts) or in the OU API's operations (dialects/ou-api/operations.ts)
  'tenant-leak': { rule: 'OU-T1', layer: 'core', what: 'an OU id of another tenant is found under this tenant' },
  'allow-cycles': { rule: 'OU-U2', layer: 'core', what: 'moving an OU under its own descendant is accepted' },
  'stale-descendant-paths': { rule: 'OU-H3', layer: 'core', what: 'rename/move updates the OU path but not its descendants' },
  'case-sensitive-siblings': { rule: 'OU-H4', layer: 'core', what: 'sibling names compared case-sensitively' },
  'ascii-case-siblings': { rule: 'OU-H4', layer: 'core', what: 'sibling names compared with ASCII-only case folding (as SQLite NOCASE): "Ärzte" and "ärzte" become siblings' },
  'accept-blank-name': { rule: 'OU-H5', layer: 'core', what: 'a name of only white space is accepted' },
  'count-nested-users': { rule: 'OU-H6', layer: 'core', what: 'user_count counts users of the whole subtree' },
  'wrong-child-count': { rule: 'OU-H6', layer: 'core', what: 'child_ou_count counts all descendants' },
  'non-atomic-move-up': { rule: 'OU-E5', layer: 'core', what: 'MOVE_UP moves children one by one and leaves them moved when a later one clashes' },
  'default-per-page-10': { rule: 'OU-L1', layer: 'core', what: 'per_page defaults to 10' },
  'total-pages-floor': { rule: 'OU-L2', layer: 'core', what: 'total_pages rounds down' },
  'past-last-page-404': { rule: 'OU-L3', layer: 'core', what: 'a page past the last answers 404' },
  'overlapping-pages': { rule: 'OU-L4', layer: 'core', what: 'pages overlap by one item' },
  'search-case-sensitive': { rule: 'OU-L5', layer: 'core', what: 'search is case-sensitive' },
  'search-ascii-case': { rule: 'OU-L5', layer: 'core', what: 'search ignores the case of A-Z only (as SQLite LIKE): "ärzte" does not find "Ärzte"' },
  'search-as-regex': { rule: 'OU-L5', layer: 'core', what: 'search is taken as a regular expression' },
  'parent-filter-nested': { rule: 'OU-L6', layer: 'core', what: 'parent_id returns all descendants, not only direct children' },
  'list-top-level-only': { rule: 'OU-L7', layer: 'core', what: 'without parent_id only top-level OUs are listed' },
  'create-sets-updated-at': { rule: 'OU-C1', layer: 'core', what: 'a new OU has updated_at set' },
  'create-unknown-parent-top-level': { rule: 'OU-C2', layer: 'core', what: 'an unknown parent_id creates the OU at the top level' },
  'custom-attributes-proto-lost': { rule: 'OU-C3', layer: 'core', what: 'custom_attributes copied with plain assignment, losing __proto__ keys' },
  'tree-depth-2': { rule: 'OU-R1', layer: 'core', what: 'the tree stops at depth 2' },
  'get-unknown-crash': { rule: 'OU-G1', layer: 'core', what: 'getting an unknown id throws an unexpected error (5xx)' },
  'patch-null-ignored': { rule: 'OU-U1', layer: 'core', what: 'description: null in a PATCH is ignored instead of clearing' },
  'no-updated-at': { rule: 'OU-U3', layer: 'core', what: 'updated_at is not set on update' },
  'updated-at-set-once': { rule: 'OU-U3', layer: 'core', what: 'updated_at is set by the first update only; later updates keep it' },
  'default-strategy-cascade': { rule: 'OU-D1', layer: 'core', what: 'the default delete strategy is CASCADE' },
  'block-ignores-users': { rule: 'OU-D2', layer: 'core', what: 'BLOCK deletes an OU that still has users' },
  'move-up-drops-users': { rule: 'OU-D3', layer: 'core', what: 'MOVE_UP leaves the users unassigned instead of moving them to the parent' },
  'cascade-deletes-users': { rule: 'OU-D4', layer: 'core', what: 'CASCADE deletes the users of the subtree' },
  'stale-parent-counts': { rule: 'OU-D5', layer: 'core', what: 'the parent child_ou_count is not lowered after a delete' },
  'delete-unknown-204': { rule: 'OU-D6', layer: 'core', what: 'deleting an unknown id answers 204' },
  'users-total-pages-floor': { rule: 'OU-S1', layer: 'core', what: 'users pagination rounds total_pages down' },
  'include-nested-ignored': { rule: 'OU-S2', layer: 'core', what: 'include_nested=true lists only direct users' },
  'users-unknown-ou-empty': { rule: 'OU-S3', layer: 'core', what: 'users of an unknown OU answer 200 with an empty list' },
  // http: envelopes, errors, auth (the HTTP pipeline and the ou-api dialect's handlers and renderError)
  'no-envelope': { rule: 'OU-E1', layer: 'http', what: 'single objects are returned without the {data, meta} envelope' },
  'validation-error-shape': { rule: 'OU-E3', layer: 'http', what: '422 bodies are {"error": "..."} instead of HTTPValidationError' },
  'error-detail-shape': { rule: 'OU-E4', layer: 'http', what: '404/409 bodies are {"message": "..."} instead of {"detail": "..."}' },
  'accept-alg-none': { rule: 'OU-A1', layer: 'http', what: 'unsigned (alg: none) tokens are accepted' },
  'accept-expired': { rule: 'OU-A1', layer: 'http', what: 'expired tokens are accepted' },
  'ignore-token-tenant': { rule: 'OU-A2', layer: 'http', what: 'a token of another tenant is accepted' },
  'ignore-scopes': { rule: 'OU-A3', layer: 'http', what: 'a read-only token may write' },
  'response-schema-break': { rule: 'OU-E1', layer: 'http', what: 'OU responses carry user_count as a string' },
} as const satisfies Record<string, { rule: string; layer: 'core' | 'http'; what: string }>;

export type Defect = keyof typeof DEFECTS;

export type Defects = ReadonlySet<Defect>;

export const NO_DEFECTS: Defects = new Set();

export function parseDefect(name: string): Defect {
  if (!Object.hasOwn(DEFECTS, name)) {
    throw new Error(`unknown defect "${name}"; known: ${Object.keys(DEFECTS).join(', ')}`);
  }
  return name as Defect;
}

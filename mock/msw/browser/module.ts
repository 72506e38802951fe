/**
 * `node:module` in the browser bundle: `require.resolve` of a package names where it would be
 * installed; its files are not embedded, so reading them fails with ENOENT (the pages the mock
 * serves from `swagger-ui-dist` are not part of the browser mode).
 */
export function createRequire(_from: string | URL): { resolve(id: string): string } {
  return { resolve: (id) => `/ou-contract/node_modules/${id}` };
}

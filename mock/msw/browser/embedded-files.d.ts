/** The package's data files, embedded as text by scripts/bundle-msw-browser.mjs: virtual path -> text. */
declare module 'ou-contract:embedded-files' {
  export const files: Readonly<Record<string, string>>;
}

// The package's public API (`ou-contract` and `ou-contract/mock`): named exports only, so what is public is explicit.

// The mock as a request listener (in-process, e.g. with supertest) and as a listening server.
export { createMockApp } from './app.ts';
export { ADMIN_PREFIX } from './admin/admin-api.ts';
export type { MockApp, MockOptions } from './app.ts';
export { isLoopback, ListenError, startMockServer } from './server.ts';
export type { MockServer, MockServerOptions, RunningServer } from './server.ts';
export { closeOnSignals } from './shutdown.ts';
export type { SignalShutdownOptions } from './shutdown.ts';
export { formatBanner } from './banner.ts';
export type { BannerInfo } from './banner.ts';

// Persistence of the whole state as one snapshot file.
export { createStateStore, StateFileError } from './persistence.ts';
export type { StateStore } from './persistence.ts';
export { createDebouncedSaver } from './debounced-saver.ts';
export type { DebouncedSaver, DebouncedSaverOptions } from './debounced-saver.ts';

// The domain core: hierarchy, paths, counts, delete strategies, paging; no HTTP.
export * from './core/index.ts';

// Test-only defect switches.
export { DEFECTS, NO_DEFECTS, parseDefect } from './defects.ts';
export type { Defect, Defects } from './defects.ts';

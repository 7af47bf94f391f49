/** Programmatic API: runs from a test suite, the mock server, its transports and the trace. */

export { demo, run, type RunInput, type RunResult, type RunSettings } from './api/run.js';
export { type MockHandle, startMock, type StartMockOptions } from './api/start-mock.js';
export type { NotifyOption, StepReply } from './api/mock-methods.js';
export type { CatalogueView } from './mock-admin/admin-routes.js';
export type { StepInput } from './steps/op-registry.js';
export type { CellReport, RunReport, Summary } from './judging/run-report.js';
export type { CheckResult, CheckStatus, Severity } from './checks/support/check.js';
export type { ExitCode } from './commands/io.js';
export { HarnessError } from './errors.js';
export { startAdminApi } from './mock-admin/admin-api.js';
export { Catalogue } from './mock-server/catalogue.js';
export * from './model/catalogue-schema.js';
export { Faults } from './mock-server/faults.js';
export { Holds } from './mock-server/holds.js';
export { MockServer, type MockServerOptions, type StormOptions } from './mock-server/mock-server.js';
export * from './model/words.js';
export {
  bindTransport,
  type StreamableHttpOptions,
  type TransportBinding,
} from './mock-server/transports/bind.js';
export { type Clock, ManualClock, systemClock } from './trace/clock.js';
export * from './trace/events.js';
export { Journal } from './trace/journal.js';
export { parseJsonl, readJsonl, writeJsonl } from './trace/jsonl.js';

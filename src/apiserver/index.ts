/** kaudit's read-only, Kubernetes-compatible HTTPS API server over an Inventory (demo, serve, tests, bench). */
export { startApiServer } from './server.js';
export type { ApiServer, ApiServerOptions, FaultRule, FaultType, ForbiddenRule, KubeconfigOptions, RecordedRequest } from './types.js';
export { USER_NAME } from './types.js';
export { DEFAULT_VERSION } from './discovery.js';
export { parseLabelSelector } from './selectors.js';
export { labelsMatch, type LabelRequirement, type LabelOperator } from '../core/label-selector.js';

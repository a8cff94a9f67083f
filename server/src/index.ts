// Public API of the core (zone reading, rules, certificates, live validation),
// bundled as dist/core.js for tests, benchmarks and other tools. No LSP here.
export * from './zone/api';
export * from './rules/registry';
export * from './cert/tlsa-data';
export * from './live/api';

// Public API of the core (zone reading, rules, certificates, live validation),
// bundled as dist/core.js for tests, benchmarks and other tools. No LSP here.
export * from './zone/api';
export * from './rules/registry';
export * from './features';
export * from './cert/api';
export * from './mail-policy/api';
export { DANE_RULES } from './rules/dane-rules';
export * from './live/api';

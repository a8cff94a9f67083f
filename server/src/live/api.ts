// Public API of the live DANE validation engine (re-exported by server/src/index.ts).
export * from './dns-wire';
export * from './resolver';
export * from './dns-lookup';
export * from './smtp-probe';
export * from './tlsa-match';
export * from './cert-info';
export * from './report';
export * from './verdict';
export * from './validate-domain';
export * from './tlsrpt';

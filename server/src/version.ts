// The package's version, put in by the bundler from package.json (scripts/build.mjs).
declare const DANE_ZONE_VERSION: string;

export const VERSION: string = DANE_ZONE_VERSION;

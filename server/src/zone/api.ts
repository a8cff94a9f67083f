// Entry points of the zone core. (Being written: lexer, parser, model builder.)
export type { Zone, ZoneRecord, Field, Loc, SourceFile, Directive, ParseProblem, Severity } from './model';
export type { Entry, Token, Span } from './syntax';

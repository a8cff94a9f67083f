// The list of all rules. Being written.
import type { Rule } from './rule';
export const RULES: Rule[] = [];

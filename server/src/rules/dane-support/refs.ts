// RFC references of the DANE and mail-policy rules, as data (label + URL).
import { rfc, type RfcRef } from '../rule';

export function ref(num: number, section?: string): RfcRef {
  const url = `https://www.rfc-editor.org/rfc/rfc${num}${section ? `#section-${section}` : ''}`;
  return rfc(`RFC ${num}${section ? ` §${section}` : ''}`, url);
}

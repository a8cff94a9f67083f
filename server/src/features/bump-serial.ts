// The SOA serial bump as an edit: finds the zone's SOA (here or in an $INCLUDEd
// file) and replaces its serial token with the next serial (serial.ts). Pure.
import type { TextEditSpec } from '../rules/rule';
import type { Zone } from '../zone/api';
import { absRange } from '../zone/api';
import { nextSerial } from './serial';

export interface SerialBump {
  edit: TextEditSpec;
  oldSerial: number;
  newSerial: number;
}

const SERIAL = 2;

/** The edit that bumps the first SOA's serial, or undefined (no SOA, or one written as `\#`/$GENERATE). */
export function bumpSerialEdit(zone: Zone, today: string): SerialBump | undefined {
  const soa = zone.byType.get('SOA')?.[0];
  if (!soa || soa.generic || soa.generated) return undefined;
  const old = soa.values[SERIAL];
  if (typeof old !== 'number') return undefined;
  const newSerial = nextSerial(old, today);
  const loc = soa.fields[SERIAL].loc;
  return { edit: { file: soa.file.id, range: absRange(loc), newText: String(newSerial) }, oldSerial: old, newSerial };
}

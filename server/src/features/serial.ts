// The next SOA serial. Date-shaped serials (YYYYMMDDnn, RFC 1912 §2.2) move to
// today's date with nn = 00, or count nn up when the date is today or later;
// other serials go up by one in RFC 1982 serial arithmetic (wrapping at 2^32).
// Pure: today's date comes from the caller (the client's clock).

const MAX = 2 ** 32;

/** True when a serial reads as YYYYMMDDnn with a real calendar date. */
export function looksLikeDateSerial(serial: number): boolean {
  const s = String(serial);
  if (!/^\d{10}$/.test(s)) return false;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  if (y < 1990 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** today as YYYYMMDD, from a Date in UTC */
export function todayOf(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The serial after `serial`. `today` is YYYYMMDD. A date serial older than
 * today becomes today's 00; otherwise (same day, a future date, or nn at 99)
 * it is +1, which keeps it increasing as secondaries require.
 */
export function nextSerial(serial: number, today: string): number {
  if (looksLikeDateSerial(serial) && /^\d{8}$/.test(today)) {
    const candidate = Number(`${today}00`);
    if (candidate > serial && candidate < MAX) return candidate;
  }
  return (serial + 1) % MAX;
}

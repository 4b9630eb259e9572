/** Contact dates: `YYYY-MM-DD HH:mm:ss` in UTC. */
export function contactDate(ms: number): string {
  return dateAndTime(ms, ' ');
}

/** ISO-8601 UTC to the second, `2026-12-07T16:55:09Z` (the audit trail's event times). */
export function isoSeconds(ms: number): string {
  return dateAndTime(ms, 'T') + 'Z';
}

/** `YYYY-MM-DD`, `between`, `HH:mm:ss`, in UTC. */
function dateAndTime(ms: number, between: string): string {
  const seconds = Math.floor(ms / 1000);
  const days = Math.floor(seconds / 86_400);
  const [year, month, day] = civilDate(days);
  const inDay = seconds - days * 86_400;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}${between}${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}`;
}

/**
 * The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's days_from_civil, inverted),
 * for years 0 to 9999, as Date's UTC fields give it: arithmetic on numbers, where `new Date(ms).toISOString()`
 * cost every contact answered and every audit event ~3–5 µs under load (docs/performance.md, eighth round).
 */
function civilDate(days: number): [year: number, month: number, day: number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

function two(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** Tree dates: ISO-8601 UTC with milliseconds. */
export function treeDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Account deletion dates: ISO-8601 to the second with an offset, `2022-08-23T09:05:30+00:00` (UTC). */
export function rfc3339Seconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

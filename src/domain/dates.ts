/** Contact dates: `YYYY-MM-DD HH:mm:ss` in UTC. */
export function contactDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Tree dates: ISO-8601 UTC with milliseconds. */
export function treeDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Account deletion dates: ISO-8601 to the second with an offset, `2022-08-23T09:05:30+00:00` (UTC). */
export function rfc3339Seconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

/** Contact dates: `YYYY-MM-DD HH:mm:ss` in UTC. */
export function contactDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Tree dates: ISO-8601 UTC with milliseconds. */
export function treeDate(ms: number): string {
  return new Date(ms).toISOString();
}

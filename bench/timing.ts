/** Milliseconds of each of `times` runs, after a few warm-up runs. */
export async function timeEach(times: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, times); i++) await work();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    await work();
    out.push(performance.now() - t);
  }
  return out;
}

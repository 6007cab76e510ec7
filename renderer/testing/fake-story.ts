/**
 * The fake line's 3-minute story and its figures (fake-client.ts plays them): which state each
 * machine is in when, and what a running machine draws, how hot it runs and how much it
 * rejects. Made up to look like the demo bottling line (see SIMULATED-LINE.md).
 */

/** The story's length, s: it starts over after this. */
export const cycleS = 180;
export const stateCode = { running: 1, starved: 3, blocked: 4, down: 5, changeover: 7 } as const;

/** A seeded generator (mulberry32), so that the fake line is the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which state each machine is in, `c` seconds into the story. */
export function machineState(asset: string, c: number): { code: number; fault: string } {
  switch (asset) {
    case 'filler':
      return c >= 45 && c < 62 ? { code: stateCode.blocked, fault: '' } : { code: stateCode.running, fault: '' };
    case 'capper':
      return c < 60 ? { code: stateCode.down, fault: 'C220' } : { code: stateCode.running, fault: '' };
    case 'labeler':
      return c < 62 ? { code: stateCode.starved, fault: '' } : { code: stateCode.running, fault: '' };
    case 'casepacker':
      if (c < 64) return { code: stateCode.starved, fault: '' };
      if (c >= 120 && c < 150) return { code: stateCode.changeover, fault: '' };
      return { code: stateCode.running, fault: '' };
    default:
      return { code: stateCode.running, fault: '' };
  }
}

export const runningRate: Record<string, number> = { filler: 196, capper: 197, labeler: 197, casepacker: 16.4, motor: 1778 };
export const runningCurrent: Record<string, number> = { filler: 11.8, capper: 6.4, labeler: 7.2, casepacker: 5.1, motor: 10.4 };
export const temperature: Record<string, number> = {
  product_temp: 9.8,
  head_temp: 41.5,
  glue_temp: 170,
  drive_temp: 38.2,
  winding_temp: 68.4,
  bearing_temp: 47.1,
};
export const vibration: Record<string, number> = { filler: 1.21, capper: 0.94, labeler: 1.08, casepacker: 1.62, motor: 2.37 };
export const rejectRate: Record<string, number> = { filler: 0.003, capper: 0.005, labeler: 0.008, casepacker: 0.001 };

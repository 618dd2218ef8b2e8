/**
 * Synthetic waveforms for audio models: a sum of sine tones plus seeded uniform noise. The sine
 * is our own polynomial (no Math.sin, whose last bits may differ between JavaScript engines), so
 * every device makes the same samples.
 */
import type { AudioFill } from './types.ts';

/** sin(2π·turns) from a degree-13 Taylor polynomial on [0, ¼] turn (error < 1e-9). */
export function sinTurns(turns: number): number {
  let t = turns - Math.floor(turns); // [0, 1)
  let sign = 1;
  if (t >= 0.5) {
    t -= 0.5;
    sign = -1;
  }
  if (t > 0.25) t = 0.5 - t; // sin(π − x) = sin(x)
  const x = 2 * Math.PI * t;
  const x2 = x * x;
  // Horner form of x − x³/3! + x⁵/5! − … + x¹³/13!.
  let sum = 1;
  for (let k = 13; k >= 3; k -= 2) sum = 1 - (x2 / (k * (k - 1))) * sum;
  return sign * x * sum;
}

/**
 * Fills `data` with the waveform: sample i is Σ amplitude·sin(2π·frequency·i / sampleRate) plus
 * noise·(u − ½)·2 with u from the seeded generator `random`.
 */
export function fillAudio(data: Float32Array, fill: AudioFill, random: () => number): void {
  for (let i = 0; i < data.length; i++) {
    let v = 0;
    for (const tone of fill.tones) v += tone.amplitude * sinTurns((tone.frequency * i) / fill.sampleRate);
    if (fill.noise) v += fill.noise * (random() - 0.5) * 2;
    data[i] = v;
  }
}

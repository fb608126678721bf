// Writes dist/demo/tone.wav: two minutes of a soft chord, 8 kHz mono PCM, a track every browser can
// play, for listening together in the demo and in the browser tests (no media is fetched from outside).
import { mkdirSync, writeFileSync } from 'node:fs';

const RATE = 8000;
const SECONDS = 120;
const samples = RATE * SECONDS;
const data = Buffer.alloc(samples);
for (let i = 0; i < samples; i++) {
  const t = i / RATE;
  const chord = Math.sin(2 * Math.PI * 220 * t) + 0.6 * Math.sin(2 * Math.PI * 277.18 * t) + 0.5 * Math.sin(2 * Math.PI * 329.63 * t);
  const swell = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / 8);
  data[i] = 128 + Math.round(18 * swell * chord);
}
const header = Buffer.alloc(44);
header.write('RIFF', 0);
header.writeUInt32LE(36 + samples, 4);
header.write('WAVEfmt ', 8);
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE, 28); // bytes per second: 8-bit mono
header.writeUInt16LE(1, 32);
header.writeUInt16LE(8, 34);
header.write('data', 36);
header.writeUInt32LE(samples, 40);
mkdirSync('dist/demo', { recursive: true });
writeFileSync('dist/demo/tone.wav', Buffer.concat([header, data]));

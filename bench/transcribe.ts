/**
 * Voice-note transcription on this machine: a 5-minute English voice note (espeak-ng speech as
 * OGG/Opus, like a WhatsApp note) through the local engine (pocketsphinx; the seed promises text
 * within 60 s), with the time to text and the real-time factor; then the same note through the
 * OpenAI-compatible path against the fake server (answering at once), plain and in whisper.cpp
 * mode (converted to WAV first), to show what our side costs.
 *
 *   npm run bench:transcribe        (BENCH_SECONDS=300, BENCH_ROUNDS=5 for the server path)
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { startFakeStt } from '../tests/fakes/stt-server';
import { speechOggOpus, wordsRecognised } from '../tests/helpers/speech';
import { probeAudioSeconds } from '../transcription/audio';
import { createLocalEngine } from '../transcription/local-engine';
import { createOpenAICompatibleEngine } from '../transcription/openai-compatible';
import { median, ratio } from './stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SENTENCES = [
  'Hello, I would like to book an appointment for tomorrow morning.',
  'Could you please call me back when you have a moment.',
  'My order has not arrived yet and I am a little worried about it.',
  'I need to change the time of my repair to the afternoon.',
  'The price on your website is different from the one in the shop.',
  'Thank you very much for your help, have a nice day.',
];
// enough words for the length wanted at 150 words a minute, then cut to it
const script = Array.from({ length: Math.ceil((SECONDS * 150) / 60 / 10) + 6 }, (_, i) => SENTENCES[i % SENTENCES.length]).join(' ');

console.log(`machine: ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`making a ${SECONDS} s voice note with espeak-ng…`);
const note = speechOggOpus(script, { seconds: SECONDS });
const seconds = (await probeAudioSeconds(note))!;
console.log(`voice note: ${seconds.toFixed(1)} s of OGG/Opus, ${(note.byteLength / 1024).toFixed(0)} KB`);

/** CPU seconds of finished child processes (ffmpeg, pocketsphinx): /proc/self/stat cutime + cstime. */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

// ---- the local engine
const local = createLocalEngine({ timeoutMs: 15 * 60_000 });
const cpuBefore = childCpuSeconds();
const t0 = performance.now();
const heard = await local.transcribe({ bytes: note, mimeType: 'audio/ogg; codecs=opus' });
const localMs = performance.now() - t0;
const cpu = childCpuSeconds() - cpuBefore;
const spoken = script.split(/\s+/).slice(0, Math.round((seconds / 60) * 150)).join(' ');
console.log('\nlocal engine (pocketsphinx, en-us)');
console.log(`  time to text     ${(localMs / 1000).toFixed(1)} s   (target: within 60 s) ${localMs <= 60_000 ? 'MET' : 'MISSED'}`);
console.log(`  real-time factor ${ratio(localMs / 1000, seconds)}   (processing time / audio length)`);
console.log(`  CPU time         ${cpu.toFixed(1)} s in ffmpeg and pocketsphinx (${ratio(cpu, seconds)} of the audio); on an idle ${os.availableParallelism()}-core machine about ${(cpu / Math.min(2, os.availableParallelism())).toFixed(0)} s to text`);
console.log(`  words recognised ${Math.round(wordsRecognised(spoken, heard.text) * 100)} % of the distinct words said; ${heard.text.split(/\s+/).length} words out`);
console.log(`  starts: "${heard.text.slice(0, 120)}…"`);

// ---- the OpenAI-compatible path against the fake (no processing time of its own)
for (const mode of ['openai', 'whisper.cpp'] as const) {
  const stt = await startFakeStt(mode === 'openai' ? { flavour: 'openai' } : { flavour: 'whisper.cpp', path: '/inference' });
  const engine = createOpenAICompatibleEngine({ url: stt.url, model: 'whisper-1' });
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await engine.transcribe({ bytes: note, mimeType: 'audio/ogg; codecs=opus' });
    times.push(performance.now() - start);
  }
  const sent = stt.requests.at(-1)!.file!;
  await stt.stop();
  console.log(`\nOpenAI-compatible path, ${mode === 'openai' ? 'OGG/Opus as it came' : 'whisper.cpp /inference (converted to 16 kHz WAV first)'}, against the fake`);
  console.log(`  our overhead     median ${median(times).toFixed(0)} ms over ${ROUNDS} rounds (upload of ${(sent.size / 1024).toFixed(0)} KB ${sent.fileName})`);
  console.log(`  real-time factor ${ratio(median(times) / 1000, seconds, 4)} before the server's own time`);
}

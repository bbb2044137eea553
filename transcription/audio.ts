import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TranscriptionFailed } from './engine';

/**
 * ffmpeg and ffprobe (Debian's, installed by scripts/ensure-speech.sh): the length of a voice note
 * read from the file itself, and the 16 kHz mono WAV that pocketsphinx and whisper.cpp want.
 */

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program with a time limit; a missing program is a sentence, not ENOENT. */
export function runProgram(command: string, args: string[], options: { timeoutMs?: number; signal?: AbortSignal; input?: Uint8Array } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'], signal: options.signal, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => {
      // keep the tail only: a long run's log is not what we need
      err.push(d);
      if (err.length > 200) err.splice(0, err.length - 200);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new TranscriptionFailed(`${command} is not installed on the server (run scripts/ensure-speech.sh).`, false));
      else if (error.name === 'AbortError') reject(new TranscriptionFailed('The transcription took too long and was stopped.', true));
      else reject(error);
    });
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL' && options.timeoutMs) return reject(new TranscriptionFailed('The transcription took too long and was stopped.', true));
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (options.input) {
      child.stdin!.on('error', () => {}); // a program that exits early closes its input
      child.stdin!.end(options.input);
    }
  });
}

/** A temporary folder for one job's files, removed afterwards whatever happens. */
export async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chats-stt-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How long the audio is, in seconds, read by ffprobe from the bytes (the container's duration, or
 * the last packet's time when the container does not say, as in some OGG/WebM voice notes).
 * Null when the file holds no audio stream it can read: corrupt, empty or not audio at all.
 */
export async function probeAudioSeconds(bytes: Uint8Array): Promise<number | null> {
  if (bytes.byteLength === 0) return null;
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'input');
    await writeFile(file, bytes);
    const probe = await runProgram('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=codec_type,duration:format=duration', '-of', 'json', file], { timeoutMs: 30_000 });
    if (probe.code !== 0) return null;
    const info = JSON.parse(probe.stdout || '{}') as { streams?: { codec_type?: string; duration?: string }[]; format?: { duration?: string } };
    const stream = info.streams?.find((s) => s.codec_type === 'audio');
    if (!stream) return null;
    const seconds = Number(stream.duration ?? info.format?.duration);
    if (Number.isFinite(seconds) && seconds > 0) return seconds;
    // no duration in the header: decode and read where it ends
    const decoded = await runProgram('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, '-vn', '-f', 'null', '-stats_period', '3600', '-progress', 'pipe:1', '-'], { timeoutMs: 60_000 });
    const times = [...decoded.stdout.matchAll(/out_time_us=(\d+)/g)].map((m) => Number(m[1]) / 1e6);
    const last = times.at(-1);
    return decoded.code === 0 && last && last > 0 ? last : null;
  });
}

/** The audio as 16 kHz mono 16-bit WAV, written to `target`; a file ffmpeg cannot decode is refused with a sentence. */
export async function convertToWav(bytes: Uint8Array, dir: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  const input = path.join(dir, 'input');
  const target = path.join(dir, 'audio.wav');
  await writeFile(input, bytes);
  const result = await runProgram('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', input, '-vn', '-ac', '1', '-ar', '16000', '-sample_fmt', 's16', '-f', 'wav', target], {
    timeoutMs: 120_000,
    signal: options.signal,
  });
  if (result.code !== 0) throw new TranscriptionFailed('The audio file could not be read: it may be damaged or not audio at all.', false);
  return target;
}

/** The WAV bytes of the audio, for a server that only reads WAV (whisper.cpp without --convert). */
export async function wavBytes(bytes: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<Uint8Array> {
  return withTempDir(async (dir) => new Uint8Array(await readFile(await convertToWav(bytes, dir, options))));
}

'use client';

import { clsx } from 'clsx';
import { Pause, Play } from 'lucide-react';
import { useTranslations } from '../../lib/ui/intl';
import { useEffect, useId, useRef, useState } from 'react';

const SPEEDS = [1, 1.5, 2] as const;

/** 75.4 → "1:15"; 3725 → "1:02:05". */
export function clockOf(seconds: number): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A voice note or audio file: play/pause, a slider to scrub, where it is of how long, and the
 * speed (1×, 1.5×, 2×). The length comes from the platform when it gave one, so nothing reads
 * "0:00 / 0:00" before the file has loaded.
 */
export function AudioPlayer({ src, label, knownDuration }: { src: string; label: string; knownDuration?: number | null }) {
  const t = useTranslations('chatScreens.audio');
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [duration, setDuration] = useState<number | null>(knownDuration && knownDuration > 0 ? knownDuration : null);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [failed, setFailed] = useState(false);
  const timeId = useId();

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  const toggle = async () => {
    const el = audio.current;
    if (!el) return;
    if (!el.paused) return el.pause();
    try {
      await el.play();
    } catch {
      setFailed(true);
    }
  };

  const seek = (to: number) => {
    const el = audio.current;
    if (!el) return;
    el.currentTime = to;
    setPosition(to);
  };

  const learnDuration = () => {
    const d = audio.current?.duration;
    if (d && Number.isFinite(d)) setDuration(d);
  };

  const max = duration ?? 0;
  const shown = duration !== null ? `${clockOf(position)} / ${clockOf(duration)}` : clockOf(position);

  return (
    <div className="flex w-64 max-w-full items-center gap-2 py-0.5" data-testid="audio-player" role="group" aria-label={label}>
      <audio
        ref={audio}
        src={src}
        preload={duration ? 'none' : 'metadata'}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setPosition(0);
        }}
        onTimeUpdate={(e) => setPosition(e.currentTarget.currentTime)}
        onLoadedMetadata={(e) => {
          learnDuration();
          e.currentTarget.playbackRate = speed;
        }}
        onDurationChange={learnDuration}
        onError={() => setFailed(true)}
        className="hidden"
      />
      <button
        type="button"
        onClick={() => void toggle()}
        aria-label={playing ? t('pause') : t('play')}
        data-testid="audio-toggle"
        className="grid size-8 shrink-0 place-items-center rounded-full bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
      >
        {playing ? <Pause className="size-3.5" fill="currentColor" aria-hidden /> : <Play className="ml-0.5 size-3.5" fill="currentColor" aria-hidden />}
      </button>
      <div className="min-w-0 flex-1">
        <input
          type="range"
          min={0}
          max={max || 1}
          step={0.1}
          value={Math.min(position, max || 1)}
          disabled={!duration}
          onChange={(e) => seek(Number(e.target.value))}
          aria-label={t('position')}
          aria-valuetext={duration !== null ? t('positionOf', { position: clockOf(position), duration: clockOf(duration) }) : clockOf(position)}
          aria-describedby={timeId}
          data-testid="audio-seek"
          className="block h-1.5 w-full cursor-pointer accent-brand-600 disabled:cursor-default"
        />
        <span id={timeId} className={clsx('mt-0.5 block text-[11px] tabular-nums', failed ? 'text-red-600' : 'text-slate-500')} data-testid="audio-time">
          {failed ? t('failed') : shown}
        </span>
      </div>
      <button
        type="button"
        onClick={() => setSpeed((s) => SPEEDS[(SPEEDS.indexOf(s) + 1) % SPEEDS.length])}
        aria-label={t('speed', { speed: `${speed}×` })}
        title={t('speedHint')}
        data-testid="audio-speed"
        className="shrink-0 rounded-md border border-slate-200 bg-white px-1.5 py-0.5 text-[11px] font-semibold text-slate-700 tabular-nums hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-500"
      >
        {speed}×
      </button>
    </div>
  );
}

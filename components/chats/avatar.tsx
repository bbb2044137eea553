'use client';

import { clsx } from 'clsx';
import { useState } from 'react';
import { UserRound } from '../ui/icons';

const TINTS = ['bg-sky-100 text-sky-700', 'bg-emerald-100 text-emerald-700', 'bg-amber-100 text-amber-800', 'bg-violet-100 text-violet-700', 'bg-rose-100 text-rose-700', 'bg-teal-100 text-teal-700'];

function tint(seed: string) {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) | 0;
  return TINTS[Math.abs(h) % TINTS.length];
}

function initials(name: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '';
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : parts[0].slice(0, 2)).toUpperCase();
}

/** The customer's picture; initials when there is none; a neutral person when the platform hides the name (F6). */
export function Avatar({ name, url, seed, size = 36 }: { name: string | null | undefined; url?: string | null; seed: string; size?: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.36) };
  if (url && !broken) {
    return <img src={url} alt="" style={style} onError={() => setBroken(true)} className="shrink-0 rounded-full bg-slate-100 object-cover" />;
  }
  if (!name) {
    return (
      <span aria-hidden style={style} className="grid shrink-0 place-items-center rounded-full bg-slate-200 text-slate-500">
        <UserRound style={{ width: size * 0.55, height: size * 0.55 }} />
      </span>
    );
  }
  return (
    <span aria-hidden style={style} className={clsx('grid shrink-0 place-items-center rounded-full font-semibold', tint(seed))}>
      {initials(name)}
    </span>
  );
}

import { clsx } from 'clsx';

/** Grey placeholder bars while something loads; each entry is one bar's classes. */
export function Skeleton({ bars, className }: { bars: string[]; className?: string }) {
  return (
    <div aria-hidden className={clsx('animate-pulse', className)}>
      {bars.map((bar, i) => (
        <span key={i} className={clsx('block', bar)} />
      ))}
    </div>
  );
}

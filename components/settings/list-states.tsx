import { Check, Plus } from 'lucide-react';
import type { ReactNode } from 'react';
import { primaryButton } from '../ui/form';

/** The settings lists' shared states: what was just done, a list that could not be loaded, an empty one. */
export function DoneStatus({ done, testId }: { done: string | null; testId: string }) {
  return (
    <p role="status" className="mt-3 min-h-5 text-[12.5px] text-emerald-700" data-testid={testId}>
      {done && (
        <span className="inline-flex items-center gap-1">
          <Check className="size-3.5" aria-hidden />
          {done}
        </span>
      )}
    </p>
  );
}

export function LoadFailed({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p role="alert" className="mt-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700" data-testid={testId}>
      {children}
    </p>
  );
}

export function EmptyList({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p className="mt-2 rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-slate-500" data-testid={testId}>
      {children}
    </p>
  );
}

/** A list's "new" action: shown once the list has loaded (a failed load offers nothing to add to). */
export function NewButton({ testId, onClick, children }: { testId: string; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className={`${primaryButton} self-start`} onClick={onClick} data-testid={testId}>
      <Plus className="size-4" aria-hidden />
      {children}
    </button>
  );
}

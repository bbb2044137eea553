import { clsx } from 'clsx';
import { LoaderCircle } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ghostButton, primaryButton, secondaryButton } from '../ui/form';

/** Why a form or dialog could not do what was asked: shown above its buttons, read out at once. */
export function FormProblem({ id, testId, className, children }: { id?: string; testId?: string; className?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} role="alert" className={clsx(className, 'rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[12.5px] text-red-700')} data-testid={testId}>
      {children}
    </p>
  );
}

/** A submit button that shows a spinner while its form is busy (or `icon` when it is not). */
function SubmitButton({ busy, disabled, className, testId, icon, autoFocus, children }: SubmitProps & { className: string }) {
  return (
    <button type="submit" disabled={busy || disabled} className={className} data-autofocus={autoFocus || undefined} data-testid={testId}>
      {busy ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : icon}
      {children}
    </button>
  );
}

interface SubmitProps {
  busy: boolean;
  disabled?: boolean;
  testId?: string;
  icon?: ReactNode;
  /** The dialog's first focus (when nothing in it can be edited). */
  autoFocus?: boolean;
  children: ReactNode;
}

/** A dialog form's buttons, right-aligned: cancel, then the submit. */
export function DialogButtons({ className = 'pt-1', cancel, onCancel, ...submit }: SubmitProps & { className?: string; cancel: string; onCancel(): void }) {
  return (
    <div className={clsx('flex justify-end gap-2', className)}>
      <button type="button" onClick={onCancel} className={secondaryButton}>
        {cancel}
      </button>
      <SubmitButton {...submit} className={primaryButton} />
    </div>
  );
}

const inlineSubmit = 'flex items-center gap-1.5 rounded-md bg-brand-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-60';
export const inlineCancel = 'rounded-md px-3 py-1.5 text-[13px] text-slate-600 hover:bg-slate-100';

/** A form's buttons inside a page (connect, reconnect): the submit, then a quiet cancel. */
export function InlineFormButtons({ className, cancel, ...submit }: SubmitProps & { className: string; cancel: ReactNode }) {
  return (
    <div className={clsx(className, 'flex items-center gap-2')}>
      <SubmitButton {...submit} className={inlineSubmit} />
      {cancel}
    </div>
  );
}

/** A row's action: a quiet button with an icon, named for screen readers with the row's subject; red on hover when `danger`. */
export function RowAction({ icon, label, name, danger, testId, onClick }: { icon: ReactNode; label: string; name: string; danger?: boolean; testId: string; onClick(): void }) {
  return (
    <button type="button" className={clsx(ghostButton, danger && 'hover:bg-red-50 hover:text-red-700')} onClick={onClick} aria-label={name} data-testid={testId}>
      {icon}
      {label}
    </button>
  );
}

/**
 * A form's submit: busy while `run` works, then the problem it answers (null when it worked, having
 * done what follows itself). A second submit while busy does nothing.
 */
export function useSubmit<Problem>(run: () => Promise<Problem | null>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Problem | null>(null);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const problem = await run();
    setBusy(false);
    if (problem) setError(problem);
  };
  return { busy, error, submit };
}

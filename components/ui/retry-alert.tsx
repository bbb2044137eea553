import { clsx } from 'clsx';
import { secondaryButton } from './form';
import { RotateCw } from './icons';

/** Something could not be loaded: the sentence and a way to try again. */
export function RetryAlert({ message, retryLabel, onRetry, className, testId }: { message: string; retryLabel: string; onRetry(): void; className?: string; testId?: string }) {
  return (
    <div role="alert" className={clsx('flex flex-col items-center gap-2 text-center', className)} data-testid={testId}>
      <p>{message}</p>
      <button type="button" onClick={onRetry} className={clsx(secondaryButton, 'max-md:min-h-11')}>
        <RotateCw className="size-3.5" aria-hidden />
        {retryLabel}
      </button>
    </div>
  );
}

/** True when a key press belongs to what the user is typing (an input, text area, select or editable text). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return target.closest('[role="combobox"], [role="textbox"]') !== null;
}

/** Whether a single-key shortcut may act on this key press. */
export function isShortcutEvent(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return false;
  if (isTypingTarget(e.target)) return false;
  // a dialog (the shortcut help, a form) keeps the keys to itself
  if (document.querySelector('[aria-modal="true"]')) return false;
  return true;
}

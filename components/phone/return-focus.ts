/**
 * Focus given back to what opened a card or the chat window, marked so that a phone number does
 * not take it for the operator tabbing in (which opens its card).
 */
export function returnFocus(element: HTMLElement | null | undefined) {
  if (!element?.isConnected) return;
  element.dataset.focusReturned = 'true';
  element.focus();
  delete element.dataset.focusReturned;
}

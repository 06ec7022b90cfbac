/**
 * Moves focus to a form field by id (error-summary links). The id may sit on the control itself
 * or on a wrapper (a radio group, a picker): then its first focusable control takes focus.
 */
export function focusField(id: string): boolean {
  const element = typeof document !== 'undefined' ? document.getElementById(id) : null;
  if (!element) {
    return false;
  }
  const focusable = element.matches('input, textarea, select, button, [tabindex]')
    ? element
    : element.querySelector<HTMLElement>('input:checked, input:not([type="hidden"]), textarea, select, button, [tabindex="0"]');
  const target = focusable || element;
  target.focus();
  if (typeof target.scrollIntoView === 'function') {
    target.scrollIntoView({ block: 'center' });
  }
  return document.activeElement === target;
}

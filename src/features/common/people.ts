import { Person } from '../../domain/types';

/** "Cllr A, Cllr B and Cllr C", or the fallback when there is nobody. */
export function peopleText(people: Person[], none: string = 'nobody named'): string {
  const names = people.map((p) => p.displayName || p.email).filter((n) => !!n);
  if (names.length === 0) {
    return none;
  }
  if (names.length === 1) {
    return names[0];
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

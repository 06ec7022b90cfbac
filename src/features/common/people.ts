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

/**
 * Who the members picker offers: the people in the members group, the signed-in councillor
 * (who may belong through an Entra security group, which the group lists as one principal, not
 * as people), and anyone already named (booked on the rota, or since gone from the group).
 */
export function memberChoices(groupPeople: ReadonlyArray<Person>, me: Person | undefined, named: ReadonlyArray<Person>): Person[] {
  const out: Person[] = [];
  for (const person of groupPeople.concat(me ? [me] : [], named)) {
    if (!out.some((p) => p.id === person.id)) {
      out.push(person);
    }
  }
  return out;
}

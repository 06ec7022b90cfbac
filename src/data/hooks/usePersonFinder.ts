import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { Person } from '../../domain/types';
import { useDataService } from './useDataService';

/** Looks a person up by work email (and makes them a site user), for the members picker. */
export function usePersonFinder(sp: SPFI): (email: string) => Promise<Person | undefined> {
  const service = useDataService(sp);
  return React.useCallback((email: string) => service.findPerson(email), [service]);
}

import * as React from 'react';
import type { Role } from '../domain/roles';
import { MyVisits } from '../features/councillor/MyVisits';
import { ReadableReportsPage } from '../features/common/ReadableReportsPage';
import { ClerkStartPage } from '../features/clerk/ClerkStartPage';
import type { StartPageProps } from './screenProps';

/**
 * Each role's first screen. Roles without their own screen yet list the reports they may read.
 * A role's own screen is one line here (lazy-load it if it is heavy).
 */
export const START_PAGES: { readonly [role in Role]: React.ComponentType<StartPageProps> } = {
  Councillor: MyVisits,
  ImprovementTeam: ReadableReportsPage,
  HeadOfService: ReadableReportsPage,
  Clerk: ClerkStartPage,
};

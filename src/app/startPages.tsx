import * as React from 'react';
import type { Role } from '../domain/roles';
import { MyVisits } from '../features/councillor/MyVisits';
import { ClerkStartPage } from '../features/clerk/ClerkStartPage';
import { OverviewStartPage } from '../features/overview/OverviewStartPage';
import { HeadOfServiceStartPage } from '../features/headOfService/HeadOfServiceStartPage';
import type { StartPageProps } from './screenProps';

/**
 * Each role's first screen: the councillor's visits, the improvement team's overview of every
 * visit, the Head of Service's responses to write, the clerk's committee pack.
 * A role's own screen is one line here (lazy-load it if it is heavy).
 */
export const START_PAGES: { readonly [role in Role]: React.ComponentType<StartPageProps> } = {
  Councillor: MyVisits,
  ImprovementTeam: OverviewStartPage,
  HeadOfService: HeadOfServiceStartPage,
  Clerk: ClerkStartPage,
};

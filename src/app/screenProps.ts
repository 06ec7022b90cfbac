import type { StartPageData } from '../data/FrontlineDataService';
import type { AppContext } from './AppContext';
import type { Navigate } from './useRoute';

/**
 * What the app gives each role's start page. Kept apart from the table of start pages
 * (`startPages.tsx`), which imports the screens, so that the screens never import it back.
 */
export interface StartPageProps {
  context: AppContext;
  data: StartPageData;
  /** London today, YYYY-MM-DD. */
  today: string;
  navigate: Navigate;
}

import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { IReadonlyTheme } from '@microsoft/sp-component-base';
import { spfi, SPFI, SPFx } from '@pnp/sp';

import { App } from '../../app/App';
import { AppContext, HostKind, TeamsThemeName } from '../../app/AppContext';
import { reportIdFromDeepLink } from '../../common/deepLink';

/**
 * Thin by design: builds the app context from the SPFx context and renders one React root.
 * Everything below the root runs unchanged in the local workbench.
 */
export default class FrontlineVisitsWebPart extends BaseClientSideWebPart<Record<string, never>> {
  private theme: IReadonlyTheme | undefined;
  private teamsTheme: TeamsThemeName | undefined;
  private subEntityId: string | undefined;
  // One PnPjs instance for the web part's life: hooks keyed on it must not reload on a re-render.
  private sp: SPFI | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();
    this.sp = spfi().using(SPFx(this.context));
    const teams = this.context.sdks.microsoftTeams;
    if (teams) {
      // The TeamsJS instance SPFx has already initialised: never a second copy.
      const teamsContext = await teams.teamsJs.app.getContext();
      this.teamsTheme = asTeamsTheme(teamsContext.app.theme);
      this.subEntityId = teamsContext.page.subPageId;
      teams.teamsJs.app.registerOnThemeChangeHandler((theme: string) => {
        this.teamsTheme = asTeamsTheme(theme);
        this.render();
      });
    }
  }

  public render(): void {
    const host: HostKind = this.context.sdks.microsoftTeams ? 'teams' : 'sharepoint';
    const appContext: AppContext = {
      sp: this.sp!,
      siteUrl: this.context.pageContext.web.absoluteUrl,
      currentUser: {
        email: this.context.pageContext.user.email,
        displayName: this.context.pageContext.user.displayName
      },
      host,
      teamsTheme: this.teamsTheme,
      theme: this.theme,
      deepLinkReportId: reportIdFromDeepLink(this.subEntityId, window.location.search)
    };
    ReactDom.render(React.createElement(App, { context: appContext }), this.domElement);
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  /** SharePoint calls this with the section's theme (supportsThemeVariants). */
  protected onThemeChanged(theme: IReadonlyTheme | undefined): void {
    this.theme = theme;
    this.render();
  }
}

function asTeamsTheme(theme: string | undefined): TeamsThemeName {
  return theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
}


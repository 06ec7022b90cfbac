import * as React from 'react';
import * as ReactDom from 'react-dom';
import { Version } from '@microsoft/sp-core-library';
import { BaseClientSideWebPart } from '@microsoft/sp-webpart-base';
import { IPropertyPaneConfiguration, PropertyPaneTextField } from '@microsoft/sp-property-pane';
import { IReadonlyTheme } from '@microsoft/sp-component-base';
import { MessageBar, MessageBarType } from '@fluentui/react';
import type { SPFI } from '@pnp/sp';

import { App } from '../../app/App';
import { HostKind, TeamsThemeName } from '../../app/AppContext';
import { buildAppContext, DATA_SITE_PROPERTY, dataSiteSp, DataSiteSettingError, dataSiteUrlFor, DEFAULT_DATA_SITE } from '../../app/hostContext';
import { reportIdFromDeepLink } from '../../common/deepLink';

export interface FrontlineVisitsWebPartProps {
  /** The site that holds the lists: a path on this tenant, default /sites/frontline-visits. */
  [DATA_SITE_PROPERTY]?: string;
}

/**
 * Thin by design: builds the app context from the SPFx context and renders one React root.
 * Everything below the root runs unchanged in the local workbench.
 */
export default class FrontlineVisitsWebPart extends BaseClientSideWebPart<FrontlineVisitsWebPartProps> {
  private theme: IReadonlyTheme | undefined;
  private teamsTheme: TeamsThemeName | undefined;
  private subEntityId: string | undefined;
  // One PnPjs instance per data site for the web part's life: hooks keyed on it must not reload on a re-render.
  private sp: { url: string; sp: SPFI } | undefined;

  protected async onInit(): Promise<void> {
    await super.onInit();
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
    let dataSiteUrl: string;
    try {
      // A personal app runs on the tenant's root site and a channel tab on the team's site:
      // the lists are on the configured data site, never assumed to be the page's.
      dataSiteUrl = dataSiteUrlFor(this.properties[DATA_SITE_PROPERTY], this.context.pageContext.web.absoluteUrl);
    } catch (error) {
      if (!(error instanceof DataSiteSettingError)) {
        throw error;
      }
      const message = `${error.message} A site owner can correct it in this web part's settings (Data site).`;
      ReactDom.render(React.createElement(MessageBar, { messageBarType: MessageBarType.error, isMultiline: true }, message), this.domElement);
      return;
    }
    if (!this.sp || this.sp.url !== dataSiteUrl) {
      this.sp = { url: dataSiteUrl, sp: dataSiteSp(this.context, dataSiteUrl) };
    }
    const host: HostKind = this.context.sdks.microsoftTeams ? 'teams' : 'sharepoint';
    const appContext = buildAppContext(
      {
        host,
        dataSiteUrl,
        currentUser: { email: this.context.pageContext.user.email, displayName: this.context.pageContext.user.displayName },
        teamsTheme: this.teamsTheme,
        theme: this.theme,
        deepLinkReportId: reportIdFromDeepLink(this.subEntityId, window.location.search),
      },
      this.sp.sp,
    );
    ReactDom.render(React.createElement(App, { context: appContext }), this.domElement);
  }

  protected onDispose(): void {
    ReactDom.unmountComponentAtNode(this.domElement);
  }

  protected get dataVersion(): Version {
    return Version.parse('1.0');
  }

  /** A site owner (or a team owner adding the channel tab) may point the web part at another data site. */
  protected getPropertyPaneConfiguration(): IPropertyPaneConfiguration {
    return {
      pages: [
        {
          header: { description: 'Where Frontline Visits keeps its lists.' },
          groups: [
            {
              groupName: 'Data',
              groupFields: [
                PropertyPaneTextField(DATA_SITE_PROPERTY, {
                  label: 'Data site',
                  description: `The site that holds the Frontline Visits lists, as a path on this tenant. Leave empty for ${DEFAULT_DATA_SITE}.`,
                  placeholder: DEFAULT_DATA_SITE,
                  onGetErrorMessage: (value: string) => this.dataSiteProblem(value),
                  deferredValidationTime: 500,
                }),
              ],
            },
          ],
        },
      ],
    };
  }

  private dataSiteProblem(value: string): string {
    try {
      dataSiteUrlFor(value, this.context.pageContext.web.absoluteUrl);
      return '';
    } catch (error) {
      return error instanceof DataSiteSettingError ? error.message : String(error);
    }
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

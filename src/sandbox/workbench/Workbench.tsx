import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { Icon } from '@fluentui/react';
import { BrowserFetchWithRetry, DefaultParse } from '@pnp/queryable';
import { DefaultHeaders, DefaultInit, spfi, SPFI } from '@pnp/sp';
import { PersonaRequestDigest } from './personaDigest';

import { App } from '../../app/App';
import type { AppContext } from '../../app/AppContext';
import { buildAppContext, dataSiteUrlFor } from '../../app/hostContext';
import { ActivityPanel } from './ActivityPanel';
import { loadPersonas, WorkbenchPersona } from './personas';
import {
  appHostKind,
  pageSitePath,
  parseWorkbenchState,
  sandboxUserCookie,
  sandboxUserFromCookie,
  teamsThemeName,
  WORKBENCH_HOSTS,
  WORKBENCH_THEMES,
  WorkbenchState,
  workbenchSearch,
} from './workbenchState';

export interface WorkbenchProps {
  /** The sandbox tenant's root on this page's origin, e.g. http://localhost:4321. */
  tenantUrl: string;
  sites: { dataSitePath: string; teamSitePath: string };
}

interface PersonaList {
  personas: WorkbenchPersona[];
  fromSandbox: boolean;
}

/**
 * The local workbench: a page dressed as SharePoint or Teams around the real App, which is
 * rendered into its own element, as the web part renders into its domElement.
 */
export function Workbench({ tenantUrl, sites }: WorkbenchProps): JSX.Element {
  const [state, setState] = React.useState<WorkbenchState>(() => parseWorkbenchState(window.location.search));
  const [personaList, setPersonaList] = React.useState<PersonaList | undefined>();
  const [announcement, setAnnouncement] = React.useState('');

  React.useEffect(() => {
    let live = true;
    loadPersonas().then((list) => live && setPersonaList(list));
    return () => {
      live = false;
    };
  }, []);

  React.useEffect(() => {
    const onPopState = (): void => setState(parseWorkbenchState(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  // The cookie is per browser, not per tab: when this tab comes back to the front, it takes
  // its persona back so its next request is made as the person it shows.
  React.useEffect(() => {
    const onFocus = (): void => {
      if (state.as && sandboxUserFromCookie(document.cookie) !== state.as) {
        document.cookie = sandboxUserCookie(state.as);
      }
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [state.as]);

  const personas = personaList?.personas;
  // Memoised so the App's context keeps its identity while the persona stays the same.
  const persona = React.useMemo(
    () => (state.as ? ((personas ?? []).find((p) => p.email === state.as) ?? { email: state.as, displayName: state.as }) : undefined),
    [personas, state.as],
  );

  const change = (patch: Partial<WorkbenchState>): void => {
    const next: WorkbenchState = { ...state, ...patch };
    // The hash is the App's own route (e.g. #/report/12): switching the chrome keeps it.
    window.history.pushState(null, '', `${window.location.pathname}${workbenchSearch(next, window.location.search)}${window.location.hash}`);
    setState(next);
    setAnnouncement(describe(next, personas ?? []));
  };

  // The page's own site, as SharePoint or Teams loads it for this host; the data site is found
  // from it exactly as the web part finds it (its default setting, on the page's tenant).
  const sitePath = pageSitePath(state.host, sites);
  const pageWebUrl = `${tenantUrl}${sitePath}`;
  const dataSiteUrl = dataSiteUrlFor(undefined, pageWebUrl);
  const sp = React.useMemo<SPFI | undefined>(
    () =>
      // Bound to the data site, as the web part binds it. The web part's PnPjs takes SPFx's
      // behaviour, whose request digests are cached per site for the page (one person per page);
      // the workbench switches people in one page, so each instance keeps its own digest.
      state.as
        ? spfi(dataSiteUrl).using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry(), DefaultParse(), PersonaRequestDigest(dataSiteUrl))
        : undefined,
    // A new persona gets a fresh PnPjs instance, so nothing cached crosses between users.
    [dataSiteUrl, state.as],
  );
  const appContext = React.useMemo<AppContext | undefined>(
    () =>
      sp && persona
        ? buildAppContext(
            {
              host: appHostKind(state.host),
              dataSiteUrl,
              currentUser: { email: persona.email, displayName: persona.displayName },
              teamsTheme: teamsThemeName(state.theme),
              deepLinkReportId: state.reportId,
            },
            sp,
          )
        : undefined,
    [sp, dataSiteUrl, persona, state.host, state.theme, state.reportId],
  );

  const content = appContext ? (
    <WebPartHost key={appContext.currentUser.email} context={appContext} />
  ) : (
    <PersonaChooser personaList={personaList} onChoose={(email) => change({ as: email })} />
  );
  const inTeams = state.host !== 'sharepoint';
  const hostClass = inTeams ? `wb-host wb-host--teams wb-teams--${state.theme}` : 'wb-host wb-host--sharepoint';

  return (
    <div className="wb">
      <WorkbenchBar state={state} persona={persona} personaList={personaList} onChange={change} />
      <div className={hostClass} data-host={state.host} data-page-web={pageWebUrl} data-theme={inTeams ? state.theme : 'light'}>
        {inTeams ? (
          <TeamsFrame persona={persona} channelTab={state.host === 'teams'}>
            {content}
          </TeamsFrame>
        ) : (
          <SharePointFrame persona={persona}>{content}</SharePointFrame>
        )}
      </div>
      <div className="wb-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}

function describe(state: WorkbenchState, personas: WorkbenchPersona[]): string {
  const surface = WORKBENCH_HOSTS.find((h) => h.value === state.host)?.label ?? 'SharePoint';
  const host = state.host !== 'sharepoint' ? `${surface}, ${WORKBENCH_THEMES.find((t) => t.value === state.theme)?.label.toLowerCase()} theme` : 'SharePoint';
  const who = state.as ? (personas.find((p) => p.email === state.as)?.displayName ?? state.as) : undefined;
  return who ? `Showing ${host}, signed in as ${who}.` : `Showing ${host}. Choose a demo user.`;
}

/**
 * The App in its own React root, as the web part renders into its domElement. Switching host or
 * theme re-renders it in place (as SharePoint and Teams do on a theme change). Workbench keys
 * this component by persona, so a new persona gets a new element and a freshly mounted App.
 */
function WebPartHost({ context }: { context: AppContext }): JSX.Element {
  const element = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const root = element.current!;
    return () => {
      ReactDOM.unmountComponentAtNode(root);
    };
  }, []);
  React.useEffect(() => {
    // Before the App's first request, so the sandbox sees this persona.
    document.cookie = sandboxUserCookie(context.currentUser.email);
    ReactDOM.render(<App context={context} />, element.current!);
  }, [context]);
  return <div ref={element} className="wb-webpart" data-persona={context.currentUser.email} />;
}

interface WorkbenchBarProps {
  state: WorkbenchState;
  persona: WorkbenchPersona | undefined;
  personaList: PersonaList | undefined;
  onChange(patch: Partial<WorkbenchState>): void;
}

/** The workbench's own controls; not part of either host. Collapses behind a button on narrow screens. */
function WorkbenchBar({ state, persona, personaList, onChange }: WorkbenchBarProps): JSX.Element {
  const [open, setOpen] = React.useState(false);
  const personas = personaList?.personas ?? [];
  const unknownPersona = state.as && personaList && !personas.some((p) => p.email === state.as);
  const hostLabel = WORKBENCH_HOSTS.find((h) => h.value === state.host)?.label;
  return (
    <header className="wb-bar">
      <div className="wb-bar__top">
        <p className="wb-bar__title">
          <span className="wb-badge">Sandbox</span> Frontline Visits workbench
        </p>
        <p className="wb-bar__summary">
          {hostLabel}
          {persona ? ` · ${persona.displayName}` : ''}
        </p>
        {persona && <ActivityPanel key={persona.email} email={persona.email} />}
        <button type="button" className="wb-bar__toggle" aria-expanded={open} aria-controls="wb-settings" onClick={() => setOpen(!open)}>
          <Icon iconName={open ? 'ChevronUp' : 'Settings'} aria-hidden="true" /> Settings
        </button>
      </div>
      <form
        id="wb-settings"
        className={open ? 'wb-settings wb-settings--open' : 'wb-settings'}
        aria-label="Workbench settings"
        onSubmit={(e) => e.preventDefault()}
      >
        <ChoiceField id="wb-host" label="Host" value={state.host} options={WORKBENCH_HOSTS} onChange={(host) => onChange({ host })} />
        {state.host !== 'sharepoint' && (
          <ChoiceField id="wb-theme" label="Teams theme" value={state.theme} options={WORKBENCH_THEMES} onChange={(theme) => onChange({ theme })} />
        )}
        <div className="wb-field wb-field--wide">
          <label htmlFor="wb-persona">Signed in as</label>
          <select id="wb-persona" value={state.as ?? ''} onChange={(e) => onChange({ as: e.target.value || undefined })}>
            <option value="">Nobody (choose a demo user)</option>
            {personas.map((p) => (
              <option key={p.email} value={p.email}>
                {p.role ? `${p.displayName} (${p.role})` : p.displayName}
              </option>
            ))}
            {unknownPersona && <option value={state.as}>{state.as} (not a demo user)</option>}
            {!personaList && state.as && <option value={state.as}>{state.as}</option>}
          </select>
        </div>
      </form>
    </header>
  );
}

interface ChoiceFieldProps<T extends string> {
  id: string;
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange(value: T): void;
}

function ChoiceField<T extends string>({ id, label, value, options, onChange }: ChoiceFieldProps<T>): JSX.Element {
  return (
    <div className="wb-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.target.value);
          if (chosen) {
            onChange(chosen.value);
          }
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function PersonaChooser({ personaList, onChoose }: { personaList: PersonaList | undefined; onChoose(email: string): void }): JSX.Element {
  return (
    <section className="wb-chooser" aria-labelledby="wb-chooser-heading">
      <h1 id="wb-chooser-heading">Choose a demo user</h1>
      <p>
        The workbench runs Frontline Visits against the local sandbox site and its fictional demo council. Choose who to sign in as; you can switch at any time
        with “Signed in as” in the settings bar.
      </p>
      {!personaList ? (
        <p role="status">Loading the demo users…</p>
      ) : (
        <>
          <ul className="wb-persona-list">
            {personaList.personas.map((p) => (
              <li key={p.email}>
                <a
                  className="wb-persona"
                  href={workbenchSearch({ ...parseWorkbenchState(window.location.search), as: p.email }, window.location.search) || '?'}
                  onClick={(event) => {
                    event.preventDefault();
                    onChoose(p.email);
                  }}
                >
                  <span className="wb-persona__avatar" aria-hidden="true">
                    {initials(p.displayName)}
                  </span>
                  <span className="wb-persona__text">
                    <span className="wb-persona__name">{p.displayName}</span>
                    {p.role && <span className="wb-persona__role">{p.role}</span>}
                    {p.displayName !== p.email && <span className="wb-persona__email">{p.email}</span>}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {!personaList.fromSandbox && <p className="wb-note">The sandbox did not list its users, so these are the fixed demo personas.</p>}
        </>
      )}
    </section>
  );
}

function initials(name: string): string {
  const words = name
    .replace(/@.*$/, '')
    .split(/[\s.]+/)
    .filter((w) => /^[A-Za-z]/.test(w));
  const picked = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return picked.map((w) => w[0].toUpperCase()).join('') || '?';
}

interface FrameProps {
  persona: WorkbenchPersona | undefined;
  children: React.ReactNode;
  /** Teams only: a tab in the improvement team's channel, rather than the personal app. */
  channelTab?: boolean;
}

/**
 * A modern SharePoint page: suite bar, site header, one full-width section holding the web part.
 * The page, not the web part, owns the main landmark, as in SharePoint and Teams.
 */
function SharePointFrame({ persona, children }: FrameProps): JSX.Element {
  return (
    <div className="sp">
      <div className="sp-suitebar" aria-hidden="true">
        <Icon iconName="Waffle" className="sp-suitebar__waffle" />
        <span className="sp-suitebar__brand">SharePoint</span>
        <span className="sp-suitebar__search">
          <Icon iconName="Search" /> <span>Search this site</span>
        </span>
        <span className="sp-suitebar__end">
          <Icon iconName="Settings" />
          <Icon iconName="Help" />
          <span className="wb-avatar">{persona ? initials(persona.displayName) : ''}</span>
        </span>
      </div>
      <div className="sp-siteheader">
        <span className="sp-siteheader__logo" aria-hidden="true">
          FV
        </span>
        <div className="sp-siteheader__text">
          <p className="sp-siteheader__title">Frontline Visits — Northshire Council</p>
          <p className="sp-siteheader__meta">Children’s services · Members’ visits to frontline teams</p>
        </div>
      </div>
      <main className="sp-canvas">
        <div className="sp-section">{children}</div>
      </main>
    </div>
  );
}

const TEAMS_APPS: ReadonlyArray<{ icon: string; label: string; active?: boolean }> = [
  { icon: 'Ringer', label: 'Activity' },
  { icon: 'Chat', label: 'Chat' },
  { icon: 'Group', label: 'Teams' },
  { icon: 'Calendar', label: 'Calendar' },
  { icon: 'Phone', label: 'Calls' },
  { icon: 'Page', label: 'Files' },
  { icon: 'ContactCard', label: 'Frontline Visits', active: true },
];

/** The Teams client around the app: title bar, left app bar, and the personal app's or the channel's tab header. */
function TeamsFrame({ persona, children, channelTab }: FrameProps): JSX.Element {
  return (
    <div className="teams">
      <div className="teams-titlebar" aria-hidden="true">
        <span className="teams-titlebar__nav">
          <Icon iconName="ChevronLeft" />
          <Icon iconName="ChevronRight" />
        </span>
        <span className="teams-titlebar__search">
          <Icon iconName="Search" /> <span>Search</span>
        </span>
        <span className="wb-avatar">{persona ? initials(persona.displayName) : ''}</span>
      </div>
      <div className="teams-body">
        <div className="teams-appbar" aria-hidden="true">
          {TEAMS_APPS.map((app) => (
            <span key={app.label} className={app.active ? 'teams-app teams-app--active' : 'teams-app'}>
              <Icon iconName={app.icon} />
              <span className="teams-app__label">{app.label}</span>
            </span>
          ))}
        </div>
        <div className="teams-main">
          {channelTab ? (
            <div className="teams-tabheader" aria-hidden="true">
              <span className="teams-tabheader__icon">CI</span>
              <span className="teams-tabheader__title">Children’s Improvement Team › General</span>
              <span className="teams-tab">Posts</span>
              <span className="teams-tab">Files</span>
              <span className="teams-tab teams-tab--active">Frontline Visits</span>
            </div>
          ) : (
            <div className="teams-tabheader" aria-hidden="true">
              <span className="teams-tabheader__icon">FV</span>
              <span className="teams-tabheader__title">Frontline Visits</span>
              <span className="teams-tab teams-tab--active">My visits</span>
              <span className="teams-tab">About</span>
            </div>
          )}
          <main className="teams-content">{children}</main>
        </div>
      </div>
    </div>
  );
}

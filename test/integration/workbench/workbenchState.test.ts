import { feedItemsFrom, reportIdFromTeamsLink } from '../../../src/sandbox/workbench/activityFeed';
import { FALLBACK_PERSONAS, loadPersonas, personasFromJson } from '../../../src/sandbox/workbench/personas';
import { parseWorkbenchState, sandboxUserCookie, sandboxUserFromCookie, teamsThemeName, workbenchSearch } from '../../../src/sandbox/workbench/workbenchState';

describe('the workbench URL', () => {
  it('reads host, theme, persona and deep link', () => {
    expect(parseWorkbenchState('?host=teams&theme=dark&as=Cllr.Hale@northshire.example&report=12')).toEqual({
      host: 'teams',
      theme: 'dark',
      as: 'cllr.hale@northshire.example',
      reportId: 12,
    });
    expect(parseWorkbenchState('?host=teams&theme=highcontrast&subPageId=report-7').theme).toBe('contrast');
    expect(parseWorkbenchState('?host=teams&subPageId=report-7').reportId).toBe(7);
  });

  it('falls back to SharePoint, light and nobody for anything it does not know', () => {
    expect(parseWorkbenchState('')).toEqual({ host: 'sharepoint', theme: 'light', as: undefined, reportId: undefined });
    expect(parseWorkbenchState('?host=notes&theme=purple&as=not-an-email&report=x')).toEqual({
      host: 'sharepoint',
      theme: 'light',
      as: undefined,
      reportId: undefined,
    });
    // A cookie separator in the persona must never reach document.cookie.
    expect(parseWorkbenchState('?as=a@b.example;%20path=/x').as).toBeUndefined();
  });

  it('writes its own parameters in a fixed order, leaves defaults out and keeps other parameters', () => {
    expect(workbenchSearch({ host: 'teams', theme: 'contrast', as: 'cllr.hale@northshire.example', reportId: 3 }, '?debug=1&host=sharepoint')).toBe(
      '?host=teams&theme=contrast&as=cllr.hale@northshire.example&report=3&debug=1',
    );
    expect(workbenchSearch({ host: 'sharepoint', theme: 'dark' }, '?subPageId=report-4')).toBe('');
  });

  it('round-trips', () => {
    const search = '?host=teams&theme=dark&as=clerk@northshire.example&report=40';
    expect(workbenchSearch(parseWorkbenchState(search))).toBe(search);
  });

  it('names the Teams theme as TeamsJS does', () => {
    expect(teamsThemeName('light')).toBe('default');
    expect(teamsThemeName('dark')).toBe('dark');
    expect(teamsThemeName('contrast')).toBe('contrast');
  });
});

describe('the sandbox_user cookie', () => {
  it('is site-wide and readable back', () => {
    const cookie = sandboxUserCookie('cllr.osei@northshire.example');
    expect(cookie).toBe('sandbox_user=cllr.osei@northshire.example; path=/; SameSite=Lax');
    expect(sandboxUserFromCookie('a=1; sandbox_user=cllr.osei@northshire.example; b=2')).toBe('cllr.osei@northshire.example');
    expect(sandboxUserFromCookie('a=1')).toBeUndefined();
  });

  it('is cleared for nobody', () => {
    expect(sandboxUserCookie(undefined)).toBe('sandbox_user=; path=/; SameSite=Lax; Max-Age=0');
  });
});

describe('personas from the sandbox', () => {
  it('accepts a bare array or a wrapper, in the spellings a directory uses', () => {
    const entry = {
      email: 'Cllr.Hale@northshire.example',
      displayName: 'Cllr Hale',
      objectId: 'x',
      groups: ['Frontline Visit Members'],
      roles: ['Councillor'],
    };
    expect(personasFromJson([entry])).toEqual([{ email: 'cllr.hale@northshire.example', displayName: 'Cllr Hale', role: 'Councillor' }]);
    expect(personasFromJson({ value: [{ Email: 'clerk@northshire.example', Title: 'Committee Clerk' }] })).toEqual([
      { email: 'clerk@northshire.example', displayName: 'Committee Clerk', role: undefined },
    ]);
    expect(personasFromJson({ personas: [{ displayName: 'No email' }, null, 3] })).toEqual([]);
    expect(personasFromJson('nonsense')).toEqual([]);
  });

  it('uses the fixed personas when the sandbox has none to give', async () => {
    const missing = (async () => ({ ok: false, status: 404, json: async () => ({}) })) as unknown as typeof fetch;
    await expect(loadPersonas(missing)).resolves.toEqual({ personas: FALLBACK_PERSONAS.slice(), fromSandbox: false });
    const listed = (async () => ({ ok: true, status: 200, json: async () => [{ email: 'a@b.example', displayName: 'A' }] })) as unknown as typeof fetch;
    await expect(loadPersonas(listed)).resolves.toEqual({ personas: [{ email: 'a@b.example', displayName: 'A', role: undefined }], fromSandbox: true });
  });
});

describe('the workbench activity feed', () => {
  it('reads the sandbox notification log newest first, with the report each one opens', () => {
    const link = (id: number) =>
      `https://teams.microsoft.com/l/entity/app/frontline-visits?context=${encodeURIComponent(JSON.stringify({ subEntityId: `report-${id}` }))}`;
    const items = feedItemsFrom([
      {
        seq: 1,
        received: '2026-11-30T10:00:00Z',
        body: {
          activityType: 'reportDueSoon',
          text: 'Due',
          previewText: 'p',
          topic: { value: 'Visit', webUrl: 'https://teams.microsoft.com/l/entity/app/frontline-visits' },
        },
      },
      {
        seq: 2,
        received: '2026-11-30T11:00:00Z',
        body: { activityType: 'reportAnswered', text: 'Answered', previewText: 'q', topic: { value: 'Visit report', webUrl: link(12) } },
      },
      { nonsense: true },
    ]);
    expect(items.map((i) => i.seq)).toEqual([2, 1]);
    expect(items[0]).toMatchObject({ activityType: 'reportAnswered', text: 'Answered', reportId: 12 });
    expect(items[1].reportId).toBeUndefined();
    expect(reportIdFromTeamsLink('not a url')).toBeUndefined();
    expect(feedItemsFrom({ value: [] })).toEqual([]);
  });
});

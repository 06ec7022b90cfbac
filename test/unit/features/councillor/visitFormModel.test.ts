import {
  calendarDateFromPicker,
  formatUkDate,
  formFromRota,
  parseUkDate,
  pickerDateFrom,
  reportTitle,
  sameForm,
  unscheduledForm,
} from '../../../../src/features/councillor/visitFormModel';
import { hashFor, routeFromHash } from '../../../../src/app/route';

const teams = [{ id: 2, title: 'Child in Need East', isActive: true }];
const hale = { id: 7, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };

describe('visit form model', () => {
  it('pre-fills team, date and members from the rota entry', () => {
    const form = formFromRota(
      {
        id: 5,
        title: 'R',
        visitDate: '2026-06-15',
        teamId: 2,
        teamTitle: 'Child in Need East',
        members: [hale],
        municipalYear: '2026/27',
        status: 'Scheduled',
      },
      teams,
    );
    expect(form).toMatchObject({ rotaEntryId: 5, teamId: 2, visitDate: '2026-06-15', members: [hale], title: 'Visit to Child in Need East, 15 Jun 2026' });
    expect(form.safetyScale).toBeUndefined();
  });

  it('tells forms with the same answers from forms that differ, whatever the derived title', () => {
    const a = unscheduledForm(hale);
    expect(sameForm(a, { ...a, title: 'Other title' })).toBe(true);
    expect(sameForm(a, { ...a, grid: { ...a.grid, otherWorries: 'x' } })).toBe(false);
    expect(sameForm(a, { ...a, safetyScale: 0 })).toBe(false);
    expect(sameForm(a, { ...a, members: [] })).toBe(false);
  });

  it('starts an unscheduled visit with the councillor as a member and nothing else', () => {
    const form = unscheduledForm(hale);
    expect(form.members).toEqual([hale]);
    expect(form.teamId).toBeUndefined();
    expect(reportTitle(form, teams)).toBe('Visit');
  });

  it('reads dates the UK way and rejects days that do not exist', () => {
    expect(calendarDateFromPicker(parseUkDate('15/06/2026'))).toBe('2026-06-15');
    expect(calendarDateFromPicker(parseUkDate('5/6/26'))).toBe('2026-06-05');
    expect(calendarDateFromPicker(parseUkDate('29 February 2028'))).toBe('2028-02-29');
    expect(calendarDateFromPicker(parseUkDate('1 Sep 2026'))).toBe('2026-09-01');
    expect(parseUkDate('31/06/2026')).toBeNull();
    expect(parseUkDate('06/15/2026')).toBeNull();
    expect(parseUkDate('next Tuesday')).toBeNull();
    expect(formatUkDate(pickerDateFrom('2026-03-29'))).toBe('29/03/2026');
  });

  it('keeps the picked day across the clock change', () => {
    expect(calendarDateFromPicker(pickerDateFrom('2026-03-29'))).toBe('2026-03-29');
    expect(calendarDateFromPicker(pickerDateFrom('2026-10-25'))).toBe('2026-10-25');
  });
});

describe('routes', () => {
  it('round-trips every page through the address hash', () => {
    for (const route of [
      { page: 'start' as const },
      { page: 'report' as const, reportId: 12 },
      { page: 'newFromRota' as const, rotaEntryId: 5 },
      { page: 'newUnscheduled' as const },
    ]) {
      expect(routeFromHash(hashFor(route))).toEqual(route);
    }
  });

  it('falls back to the start page for anything else', () => {
    expect(routeFromHash('#/report/abc')).toEqual({ page: 'start' });
    expect(routeFromHash('#/report/12<script>')).toEqual({ page: 'start' });
    expect(routeFromHash('')).toEqual({ page: 'start' });
  });
});

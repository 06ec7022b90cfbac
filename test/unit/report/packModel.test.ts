import { buildPackModel, COMMITTEE_NAME, responseFor } from '../../../src/report/packModel';
import { fixtureData, fixtureRequest, RESPONSE_TEXT, WORRY_TEXT } from './packFixture';

describe('the committee pack model', () => {
  const model = buildPackModel(fixtureData(), fixtureRequest);

  it('has the title block: committee, meeting date, period, all teams', () => {
    expect(model.title.committee).toBe(COMMITTEE_NAME);
    expect(model.title.committee).toBe('Children and Families Overview and Scrutiny Committee');
    expect(model.title.meetingDateText).toBe('Thursday 10 December 2026');
    expect(model.title.periodText).toBe('1 April 2026 to 30 September 2026');
    expect(model.title.teamsText).toBe('All teams');
    expect(model.title.summary).toContain('made 5 visits');
    expect(model.title.summary).toContain('1 planned visit did not take place');
  });

  it('lists every visit in date order, the one not held with its reason, the draft as not yet submitted', () => {
    expect(model.visits.map((v) => [v.dateText, v.team, v.outcomeText])).toEqual([
      ['15 Apr 2026', 'Consultation Team (front door)', 'Held'],
      ['13 May 2026', 'Child in Need North', 'Not held'],
      ['10 Jun 2026', 'Child Protection South', 'Held'],
      ['8 Jul 2026', 'Consultation Team (front door)', 'Held'],
      ['16 Sep 2026', 'Child in Need North', 'Held'],
      ['25 Sep 2026', 'Child Protection South', 'Held'],
    ]);
    expect(model.visits[1].notes).toBe('No replacement available at short notice');
    expect(model.visits[1].month).toBe('May 2026');
    expect(model.visits[0].members).toBe('Cllr Hale (demo), Cllr Osei (demo)');
    expect(model.visits[4].notes).toBe('Report not yet submitted: it was due by 14 Oct 2026');
    // Lateness is a fact on London days: visited 25 Sep, due 23 Oct, submitted 1 Nov.
    expect(model.visits[5].notes).toBe('Not on the rota. Report submitted 1 Nov 2026 (9 days late)');
  });

  it('groups what staff said by Staffing, Performance and Other per team, leaving drafts out', () => {
    expect(model.teamSummaries.map((t) => [t.team, t.reportCount, t.heldVisitCount])).toEqual([
      ['Child in Need North', 0, 1],
      ['Child Protection South', 2, 2],
      ['Consultation Team (front door)', 2, 2],
    ]);
    const front = model.teamSummaries[2];
    expect(front.themes.map((t) => t.label)).toEqual(['Staffing', 'Performance', 'Other']);
    const staffing = front.themes[0].statements;
    expect(staffing.map((s) => s.reportId)).toEqual([201, 204]);
    expect(staffing[0].worries).toBe(WORRY_TEXT);
    // Windows and Word line breaks become \n; the emoji survives.
    expect(staffing[0].workingWell).toBe('Morale is good.\nManagers are visible 😊\nSupervision happens monthly');
    expect(staffing[0].saidText.split('\n')[0]).toBe(`Worried about: ${WORRY_TEXT}`);
    expect(front.themes[2].statements).toEqual([]);
    const allText = JSON.stringify(model);
    expect(allText).not.toContain('Draft text not for committee');
  });

  it('puts the Head of Service response beside what staff said, marking it missing or overdue', () => {
    const front = model.teamSummaries[2];
    const [responded, overdue] = front.themes[0].statements;
    expect(responded.response).toEqual({
      state: 'responded',
      text: RESPONSE_TEXT,
      attribution: 'Head of Service (demo), 20 May 2026',
      lateness: 'Answered on time',
    });
    expect(overdue.response.state).toBe('overdue');
    expect(overdue.response.text).toBe('Response overdue: it was due by 17 Aug 2026.');
    const cp = model.teamSummaries[1];
    const awaiting = cp.themes[1].statements[0];
    expect(awaiting.reportId).toBe(206);
    expect(awaiting.response).toMatchObject({ state: 'awaiting', text: 'No response yet: due by 29 Nov 2026.' });
    expect(model.counts).toEqual({
      visitsHeld: 5,
      visitsNotHeld: 1,
      visitsPlanned: 0,
      reportsSubmitted: 4,
      responsesReceived: 2,
      responsesAwaiting: 1,
      responsesOverdue: 1,
    });
  });

  it('gives the safety scale per visit and each team’s average against the previous period', () => {
    expect(model.scales.map((s) => [s.dateText, s.scaleText])).toEqual([
      ['15 Apr 2026', '6'],
      ['10 Jun 2026', '8'],
      ['8 Jul 2026', '5'],
      ['25 Sep 2026', '9'],
    ]);
    const byTeam = Object.fromEntries(model.teamAverages.map((a) => [a.team, [a.averageText, a.previousAverageText, a.changeText]]));
    expect(byTeam).toEqual({
      'Consultation Team (front door)': ['5.5', '7.0', 'Down 1.5'],
      'Child Protection South': ['8.5', '8.5', 'No change'],
      // The previous period's only report for this team is a draft, which does not count.
      'Child in Need North': ['No scale given', 'No scale given', 'Cannot compare'],
    });
    expect(model.previousPeriodText).toBe('1 October 2025 to 31 March 2026');
  });

  it('leaves a report that failed the checks out of the averages and says why, never silently averaging it', () => {
    const data = fixtureData();
    // Consultation Team (front door): 15 Apr scale 6 and 8 Jul scale 5. Make the second 3.5, then flag the first.
    data.reports = data.reports.map((r) => (r.visitDate === '2026-07-08' ? { ...r, safetyScale: 3.5 } : r));
    let pack = buildPackModel(data, fixtureRequest);
    const front = (m: typeof pack) => m.teamAverages.filter((a) => a.team === 'Consultation Team (front door)')[0];
    expect([front(pack).averageText, front(pack).count]).toEqual(['6.0', 1]);
    const odd = pack.scales.filter((s) => s.dateText === '8 Jul 2026')[0];
    expect(odd.notCounted).toEqual(['Choose a whole number from 0 to 10 for how safe the service keeps children.']);
    expect(odd.scaleText).toBe('3.5 (not counted in the average: Choose a whole number from 0 to 10 for how safe the service keeps children.)');
    data.reports = data.reports.map((r) =>
      r.visitDate === '2026-04-15'
        ? {
            ...r,
            serverCheck: {
              problems: ['Its elected members include people who are not councillors: Head of Service.'],
              notes: [],
              checkedOn: '2026-04-29T10:00:05Z',
            },
          }
        : r,
    );
    pack = buildPackModel(data, fixtureRequest);
    expect([front(pack).averageText, front(pack).count, front(pack).changeText]).toEqual(['No scale given', 0, 'Cannot compare']);
    expect(pack.scales.filter((s) => s.dateText === '15 Apr 2026')[0].scaleText).toMatch(/^6 \(not counted in the average: Its elected members include/);
    // The report itself is still in the pack, what staff said and all: it is flagged, not hidden.
    expect(pack.counts.reportsSubmitted).toBe(4);
  });

  it('appends the rota for the next period', () => {
    expect(model.nextPeriodText).toBe('1 October 2026 to 31 March 2027');
    expect(model.nextRota.map((r) => [r.dateText, r.team, r.status])).toEqual([
      ['14 Oct 2026', 'Consultation Team (front door)', 'Scheduled'],
      ['11 Nov 2026', 'Child in Need North', 'Scheduled'],
      ['10 Mar 2027', 'Child Protection South', 'Scheduled'],
    ]);
  });

  it('keeps to the chosen teams, showing a chosen team even when it has nothing', () => {
    const chosen = buildPackModel(fixtureData(), { ...fixtureRequest, teamIds: [2] });
    expect(chosen.title.teamsText).toBe('Child in Need North');
    expect(chosen.visits.map((v) => v.team)).toEqual(['Child in Need North', 'Child in Need North']);
    expect(chosen.teamSummaries.map((t) => t.team)).toEqual(['Child in Need North']);
    expect(chosen.scales).toEqual([]);
    expect(chosen.nextRota.map((r) => r.dateText)).toEqual(['11 Nov 2026']);
  });

  it('says when the committee date is not yet fixed', () => {
    const open = buildPackModel(fixtureData(), { ...fixtureRequest, committeeDate: undefined });
    expect(open.title.meetingDateText).toBe('To be confirmed');
  });

  it('counts a response due today as not yet overdue', () => {
    const data = fixtureData();
    const submitted = data.reports.find((r) => r.id === 204)!;
    expect(responseFor(submitted, '2026-08-17').state).toBe('awaiting');
    expect(responseFor(submitted, '2026-08-18').state).toBe('overdue');
  });
});

describe('the summary paragraph', () => {
  it('names the responses received, not yet due and overdue', () => {
    expect(buildPackModel(fixtureData(), fixtureRequest).title.summary).toContain(
      'Councillors submitted 4 reports. The Head of Service has responded to 2; 1 response is not yet due and 1 response is overdue.',
    );
  });

  it('leaves out counts of nothing rather than writing "0 responses are not yet due"', () => {
    const summary = buildPackModel(fixtureData(), { ...fixtureRequest, today: '2027-06-01' }).title.summary;
    expect(summary).toContain('The Head of Service has responded to 2; 2 responses are overdue.');
    expect(summary).not.toMatch(/\b0 /);
  });

  it('says "none" when nothing has been answered, and nothing about responses when nothing was submitted', () => {
    const data = fixtureData();
    data.reports = data.reports.map((r) => ({ ...r, feedback: undefined, status: r.status === 'Responded' ? 'Submitted' : r.status }));
    expect(buildPackModel(data, { ...fixtureRequest, today: '2027-06-01' }).title.summary).toContain(
      'The Head of Service has responded to none; 4 responses are overdue.',
    );
    data.reports = [];
    const empty = buildPackModel(data, fixtureRequest).title.summary;
    expect(empty).toContain('Councillors submitted 0 reports.');
    expect(empty).not.toContain('Head of Service');
  });
});

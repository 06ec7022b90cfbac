import { packCountsText } from '../../../src/report/packText';

describe('the pack in one line (the command line prints it)', () => {
  it('says "1 response", not "1 responses"', () => {
    expect(
      packCountsText({
        visitsHeld: 1,
        visitsNotHeld: 2,
        visitsPlanned: 0,
        reportsSubmitted: 1,
        responsesReceived: 1,
        responsesAwaiting: 0,
        responsesOverdue: 0,
      }),
    ).toBe('1 visit held, 2 not held, 1 report, 1 response, 0 overdue');
  });

  it('counts many in the plural', () => {
    expect(
      packCountsText({
        visitsHeld: 4,
        visitsNotHeld: 0,
        visitsPlanned: 0,
        reportsSubmitted: 3,
        responsesReceived: 2,
        responsesAwaiting: 0,
        responsesOverdue: 1,
      }),
    ).toBe('4 visits held, 0 not held, 3 reports, 2 responses, 1 overdue');
  });
});

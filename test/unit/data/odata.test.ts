import { odataStringLiteral } from '../../../src/data/odata';

describe('OData string literals', () => {
  it('quotes text and doubles the quotes inside it, so it cannot close the literal', () => {
    expect(odataStringLiteral('Heads of Service')).toBe("'Heads of Service'");
    expect(odataStringLiteral("Children's Improvement Team")).toBe("'Children''s Improvement Team'");
    expect(odataStringLiteral("x' or Title ne '")).toBe("'x'' or Title ne '''");
  });
});

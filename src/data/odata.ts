/**
 * An OData string literal: the text in single quotes with each quote doubled, so a name such as
 * O'Brien stays a value and can never close the literal and add a clause.
 */
export function odataStringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Length limits. SharePoint stores up to 255 characters in a single line of text and 63,999 in
 * multiple lines of text; ours are lower so that a report stays readable on a card and in the
 * committee pack, and generous enough for a long visit.
 */
export const LIMITS = {
  title: 255,
  staffInvolved: 2000,
  gridCell: 8000,
  feedback: 8000,
  notHeldReason: 2000,
  maxMembers: 10,
} as const;

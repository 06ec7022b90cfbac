/**
 * Errors the sandbox answers with, in the shapes SharePoint REST and Microsoft Graph use, so
 * production code meets the same status codes and bodies here as against Microsoft 365.
 */

/** A SharePoint REST error: status plus the `code` / `message.value` pair of `odata.error`. */
export class SpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A Microsoft Graph error: status plus `error.code` / `error.message`. */
export class GraphError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// The codes and texts below are those SharePoint Online returns (see src/sandbox/README.md).
export const spErrors = {
  accessDenied: (): SpError =>
    new SpError(
      403,
      '-2147024891, System.UnauthorizedAccessException',
      'Access denied. You do not have permission to perform this action or access this resource.',
    ),
  unauthenticated: (): SpError =>
    new SpError(
      401,
      '-2147024891, System.UnauthorizedAccessException',
      'Access denied. Before opening files in this location, you must first browse to the web site and select the option to login automatically.',
    ),
  invalidDigest: (): SpError =>
    new SpError(
      403,
      '-2130575252, Microsoft.SharePoint.SPException',
      "The security validation for this page is invalid and might be corrupted. Please use your web browser's Back button to try your operation again.",
    ),
  listNotFound: (title: string, siteUrl: string): SpError =>
    new SpError(404, '-1, System.ArgumentException', `List '${title}' does not exist at site with URL '${siteUrl}'.`),
  itemNotFound: (): SpError => new SpError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.'),
  etagMismatch: (sent: string, current: string): SpError =>
    new SpError(
      412,
      '-1, Microsoft.SharePoint.Client.ClientServiceException',
      `The request ETag value '${sent}' does not match the object's ETag value '${current}'.`,
    ),
  invalidJson: (): SpError =>
    new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'Invalid JSON. A token was not recognized in the JSON content.'),
  unknownProperty: (property: string, entityType: string): SpError =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `The property '${property}' does not exist on type '${entityType}'. Make sure to only use property names that are defined by the type.`,
    ),
  wrongType: (edmType: string): SpError =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`,
    ),
  dateOutOfRange: (): SpError =>
    new SpError(
      400,
      '-2130575175, Microsoft.SharePoint.SPException',
      'Invalid date/time value. A date/time field contains invalid data. Please check the value and try again.',
    ),
  fieldValidation: (message: string): SpError => new SpError(400, '-2146232832, Microsoft.SharePoint.SPFieldValidationException', message),
  userNotFound: (): SpError => new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'The user does not exist or is not unique.'),
  unknownField: (name: string): SpError => new SpError(400, '-1, Microsoft.SharePoint.SPException', `The field or property '${name}' does not exist.`),
  unknownColumn: (name: string): SpError =>
    new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', `Column '${name}' does not exist. It may have been deleted by another user.`),
  invalidSelect: (path: string, field: string): SpError =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.SPException',
      `The query to field '${path}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${field}.`,
    ),
  invalidExpression: (expression: string): SpError =>
    new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The expression "${expression}" is not valid.`),
  throttled: (): SpError =>
    new SpError(
      500,
      '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
      'The attempted operation is prohibited because it exceeds the list view threshold.',
    ),
  notSupported: (what: string): SpError =>
    new SpError(
      400,
      '-1, Microsoft.SharePoint.Client.InvalidClientQueryException',
      `The sandbox does not implement ${what}; see src/sandbox/README.md for the SharePoint REST subset it serves.`,
    ),
  badRequest: (message: string): SpError => new SpError(400, '-1, System.ArgumentException', message),
  /** An add or update that repeats a value of a column with "Enforce unique values" (SharePoint Online answers 500). */
  duplicateValues: (fieldTitles: string[]): SpError =>
    new SpError(
      500,
      '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
      `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${fieldTitles.join(', ')}].`,
    ),
};

export const graphErrors = {
  unauthenticated: (): GraphError => new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.'),
  accessDenied: (): GraphError => new GraphError(403, 'accessDenied', 'Access denied'),
  itemNotFound: (what = 'The resource could not be found.'): GraphError => new GraphError(404, 'itemNotFound', what),
  listNotFound: (): GraphError => new GraphError(404, 'itemNotFound', 'The specified list was not found'),
  etagMismatch: (): GraphError => new GraphError(412, 'preconditionFailed', "ETag does not match current item's value"),
  invalidRequest: (message: string): GraphError => new GraphError(400, 'invalidRequest', message),
  /** Graph's words for a unique-column clash (microsoftgraph/msgraph-sdk-dotnet#790); the status is the sandbox's choice. */
  duplicateValues: (): GraphError => new GraphError(409, 'nameAlreadyExists', 'One or more fields with unique constraints already has the provided value.'),
  notIndexed: (field: string): GraphError =>
    new GraphError(
      400,
      'invalidRequest',
      `Field '${field}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
    ),
};

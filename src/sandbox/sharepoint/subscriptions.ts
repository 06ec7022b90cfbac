/** A list's webhook subscriptions (`lists(…)/subscriptions`): who may hold them, their expiry and their validated URL. */
import { randomUUID } from 'node:crypto';
import { SpError, spErrors } from '../errors';
import { annotate, collectionBody, emptyResponse, entityBody, InnerResponse, jsonResponse, ODataMode } from '../restShapes';
import { assertMayManageSubscriptions, Caller } from '../security';
import type { StoredList, Subscription } from '../store';
import { MAX_SUBSCRIPTION_DAYS } from '../webhooks';
import { argValue, Segment } from './apiPath';
import { InnerRequest, parseJsonBody, SpContext } from './context';

function subscriptionEntity(s: Subscription): { [k: string]: unknown } {
  return {
    clientState: s.clientState,
    expirationDateTime: s.expirationDateTime,
    id: s.id,
    notificationUrl: s.notificationUrl,
    resource: s.listId,
    resourceData: null,
  };
}

export async function subscriptionsRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  list: StoredList,
  rest: Segment[],
  mode: ODataMode,
  method: string,
): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const meta = (s: Subscription): { type: string; editLink: string } => ({
    type: 'Microsoft.SharePoint.Webhooks.Subscription',
    editLink: `Web/Lists(guid'${list.id}')/subscriptions('${s.id}')`,
  });
  assertMayManageSubscriptions(caller);
  const checkExpiry = (value: unknown): string => {
    const when = typeof value === 'string' ? Date.parse(value) : NaN;
    if (isNaN(when)) {
      throw spErrors.badRequest('The expirationDateTime parameter is missing or is not a valid date.');
    }
    if (when <= Date.now() || when > Date.now() + MAX_SUBSCRIPTION_DAYS * 86400000) {
      throw spErrors.badRequest(`The expirationDateTime must be in the future and at most ${MAX_SUBSCRIPTION_DAYS} days from now.`);
    }
    return new Date(when).toISOString();
  };
  const checkUrl = async (value: unknown): Promise<string> => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw spErrors.badRequest('The notificationUrl parameter is not a valid absolute URL.');
    }
    if (!(await ctx.webhooks.validate(url.toString()))) {
      throw new SpError(400, '-1, System.InvalidOperationException', `Failed to validate the notification URL '${url.toString()}'.`);
    }
    return url.toString();
  };

  if (rest.length === 1 && rest[0].args === undefined) {
    if (method === 'GET') {
      const subs = ctx.webhooks.active(list.id);
      return jsonResponse(
        mode,
        200,
        collectionBody(
          mode,
          apiUrl,
          'Collection(Microsoft.SharePoint.Webhooks.Subscription)',
          subs.map((s) => annotate(mode, apiUrl, meta(s), subscriptionEntity(s))),
        ),
      );
    }
    if (method === 'POST') {
      const body = parseJsonBody(req.body) as { [k: string]: unknown };
      const expirationDateTime = checkExpiry(body.expirationDateTime);
      const notificationUrl = await checkUrl(body.notificationUrl);
      const subscription = ctx.store.putSubscription({
        id: randomUUID(),
        listId: list.id,
        notificationUrl,
        clientState: typeof body.clientState === 'string' ? body.clientState : null,
        expirationDateTime,
      });
      return jsonResponse(
        mode,
        201,
        entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(subscription), subscriptionEntity(subscription))),
      );
    }
  }
  if (rest.length === 2 && rest[1].args === undefined && rest[0].name === 'subscriptions') {
    throw spErrors.notSupported('that subscription path');
  }
  const id = rest.length === 1 ? argValue(rest[0].args) : rest.length === 2 && rest[1].name === 'getbyid' ? argValue(rest[1].args) : '';
  const existing = id ? ctx.store.subscription(id) : undefined;
  if (!existing || existing.listId !== list.id) {
    throw new SpError(404, '-1, System.ArgumentException', 'The subscription does not exist.');
  }
  if (method === 'GET') {
    return jsonResponse(
      mode,
      200,
      entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(existing), subscriptionEntity(existing))),
    );
  }
  if (method === 'PATCH' || method === 'MERGE') {
    const body = parseJsonBody(req.body) as { [k: string]: unknown };
    const updated: Subscription = { ...existing };
    if (body.expirationDateTime !== undefined) {
      updated.expirationDateTime = checkExpiry(body.expirationDateTime);
    }
    if (body.notificationUrl !== undefined && body.notificationUrl !== existing.notificationUrl) {
      updated.notificationUrl = await checkUrl(body.notificationUrl);
    }
    if (body.clientState !== undefined) {
      updated.clientState = typeof body.clientState === 'string' ? body.clientState : null;
    }
    ctx.store.putSubscription(updated);
    return emptyResponse(204);
  }
  if (method === 'DELETE') {
    ctx.store.deleteSubscription(existing.id);
    return emptyResponse(204);
  }
  throw spErrors.notSupported(`${method} on a subscription`);
}

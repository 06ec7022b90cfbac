/**
 * A complete production environment for the bot, without its credential: tests add a certificate
 * (or, to see it refused, a client secret alone).
 */
export const PRODUCTION_ENV_WITHOUT_CREDENTIAL = {
  BOT_MODE: 'production',
  BOT_APP_ID: '8f3c2d1e-6a5b-4c7d-9e0f-1a2b3c4d5e6f',
  BOT_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  BOT_SERVICE_URL: 'https://smba.trafficmanager.net/uk/',
  TEAMS_TEAM_ID: '19:team@thread.tacv2',
  TEAMS_CHANNEL_ID: '19:channel@thread.tacv2',
  SHAREPOINT_SITE_URL: 'https://northshire.sharepoint.com/sites/frontline-visits',
  GRAPH_SITE_ID: 'northshire.sharepoint.com,aaaa,bbbb',
  GRAPH_LIST_ID_VISIT_REPORTS: '00000000-0000-0000-0000-000000000001',
  GRAPH_LIST_ID_VISIT_ROTA: '00000000-0000-0000-0000-000000000002',
  GRAPH_LIST_ID_FRONTLINE_TEAMS: '00000000-0000-0000-0000-000000000003',
  BOT_PUBLIC_URL: 'https://frontline-bot.northshire.example',
  WEBHOOK_CLIENT_STATE: 'state',
  TEAMS_APP_ID: '6d1e9b7a-3c2f-4f8e-b5a1-0c9d8e7f6a04',
} as const;

/**
 * Page globals the hosts set before any web part code runs. Imported first by entry.tsx so it
 * runs before Fluent UI's modules: with no font base URL, Fluent UI registers no web fonts from
 * Microsoft's CDN and uses the system's Segoe UI (or its fallbacks), so the workbench needs no
 * network beyond this machine.
 */
(window as unknown as { FabricConfig?: { fontBaseUrl?: string } }).FabricConfig = {
  ...(window as unknown as { FabricConfig?: object }).FabricConfig,
  fontBaseUrl: '',
};

export {};

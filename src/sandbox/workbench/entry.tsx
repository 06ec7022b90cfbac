// First, before Fluent UI's modules run.
import './hostGlobals';
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import { initializeIcons } from '@fluentui/react';

import type { WorkbenchPageConfig } from './index';
import { Workbench } from './Workbench';

/**
 * The workbench page script. SharePoint and Teams load Fluent UI's icon font for the web part;
 * here the sandbox serves it from node_modules, so the page needs no network beyond this machine.
 */
const configElement = document.getElementById('workbench-config');
const container = document.getElementById('workbench');
if (!configElement || !container) {
  throw new Error('Workbench: the page is missing #workbench or #workbench-config');
}
const config = JSON.parse(configElement.textContent ?? '{}') as WorkbenchPageConfig;
initializeIcons(config.fontBaseUrl);
// The page's own origin, not the sandbox's configured one: opened as 127.0.0.1 or through a
// forwarded port, the sites are still same-origin and the sandbox_user cookie still goes along.
container.textContent = '';
ReactDOM.render(<Workbench tenantUrl={window.location.origin} sites={{ dataSitePath: config.sitePath, teamSitePath: config.teamSitePath }} />, container);

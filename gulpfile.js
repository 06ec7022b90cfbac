'use strict';

const build = require('@microsoft/sp-build-web');

build.addSuppression(`Warning - [sass] The local CSS class 'ms-Grid' is not camelCase and will not be type-safe.`);

// The gulp toolchain's own `serve` needs a tenant workbench; the local sandbox (`npm start`)
// serves the web part instead.
var getTasks = build.rig.getTasks;
build.rig.getTasks = function () {
  var result = getTasks.call(build.rig);
  result.set('serve', result.get('serve-deprecated'));
  return result;
};

// Tests run under jest (`npm test`), not the rig's test task.
build.tslintCmd.enabled = false;

build.initialize(require('gulp'));

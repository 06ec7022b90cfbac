/**
 * `npm run doctor`: checks everything a working deployment needs, with the bot's own configuration
 * (the same environment variables as the bot: production, or local against the sandbox), one line
 * per check; each failure says how to fix it. Exit code 0 only when every check passes.
 *
 *   npm run doctor                       # the environment as it is (e.g. on the App Service's SSH console)
 *   npm start & npm run doctor           # the local demo
 */
import { formatResults, runChecks } from '../src/doctor/checks';

runChecks(process.env)
  .then((results) => {
    formatResults(results).forEach((line) => console.log(line));
    const failed = results.filter((r) => !r.ok).length;
    console.log(failed ? `\n${failed} of ${results.length} checks failed.` : `\nAll ${results.length} checks passed.`);
    process.exit(failed ? 1 : 0);
  })
  .catch((error: Error) => {
    console.error(`The doctor could not run: ${error.stack || error.message}`);
    process.exit(2);
  });

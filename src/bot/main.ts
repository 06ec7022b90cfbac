/**
 * `npm run bot`: starts the bot from environment variables (see src/bot/README.md). A
 * configuration problem stops it with one line per variable to fix.
 */
import { ConfigError } from './config';
import { startBot } from './server';

startBot()
  .then((bot) => {
    console.log(`Frontline Visits bot (${bot.config.mode} mode) on ${bot.url}/api/messages, webhook ${bot.url}/api/webhooks`);
    const stop = (): void => {
      bot.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  })
  .catch((error) => {
    console.error(error instanceof ConfigError ? error.message : `The bot could not start: ${(error as Error).stack || error}`);
    process.exit(1);
  });

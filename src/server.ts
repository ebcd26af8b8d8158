import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { buildDeps } from './deps.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const deps = await buildDeps(config);
  const app = await buildApp(deps);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(() => process.exit(0), (err: unknown) => {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  };
  // A bad payload or a failed background job must not take the process down: log and go on.
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // The one line a newcomer needs: where to open the web chat.
  await app.listen({ host: config.HOST, port: config.PORT, listenTextResolver: (address) => `Frontdoor is ready: open ${address}` });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Frontdoor could not start:', error instanceof Error ? error.message : String(error));
  }
  process.exit(1);
});

import Fastify from 'fastify';

/**
 * The baseline: Fastify with one POST route that parses the JSON body and answers 200, on
 * the same machine and driven by the same generator as the real server. The ratio of the
 * two says what the message path costs beyond HTTP itself.
 */
const app = Fastify({ logger: false });
app.post('/slack/events', async () => ({}));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.on('SIGTERM', () => { void app.close().then(() => process.exit(0)); });

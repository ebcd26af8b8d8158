import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface MockRule { match: string; sequence?: number; status?: number; reply?: string; error?: object }

/** @dwmkerr/mock-llm, an OpenAI-compatible fake, on a free loopback port with the given rules (last match wins). */
export async function startMockLlm(dir: string, rules: MockRule[]): Promise<{ baseURL: string; stop(): void }> {
  const port = await freePort();
  const configFile = join(dir, 'mock-llm.yaml');
  writeFileSync(configFile, JSON.stringify({
    rules: rules.map((r) => ({
      path: '/v1/chat/completions', method: 'POST', match: r.match, ...(r.sequence !== undefined ? { sequence: r.sequence } : {}),
      response: {
        status: r.status ?? 200,
        content: JSON.stringify(r.error ?? {
          id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'fake',
          choices: [{ index: 0, message: { role: 'assistant', content: r.reply ?? '' }, finish_reason: 'stop' }],
        }),
      },
    })),
  }));
  const child: ChildProcess = spawn(process.execPath, [join('node_modules', '@dwmkerr', 'mock-llm', 'dist', 'main.js'), '--config', configFile], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: 'ignore',
  });
  const baseURL = `http://127.0.0.1:${port}/v1`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return { baseURL, stop: () => child.kill() };
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('mock-llm did not start');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

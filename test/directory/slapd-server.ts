import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';

export const slapdPath = '/usr/sbin/slapd';
export const suffix = 'dc=example,dc=com';
export const rootDn = `cn=admin,${suffix}`;
export const rootPassword = 'slapd-test-secret';

/**
 * A real OpenLDAP server (Debian's slapd) of the test's own: a temporary folder, a generated
 * slapd.conf (mdb backend, core, cosine, inetorgperson and nis schemas, a root DN with a
 * password), listening on a free loopback port. `close` stops it and removes the folder.
 */
export class SlapdServer {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'frontdoor-slapd-'));
  url = '';

  static available(): boolean {
    return existsSync(slapdPath) && existsSync('/etc/ldap/schema/inetorgperson.schema');
  }

  async start(): Promise<void> {
    const port = await freePort();
    const data = join(this.dir, 'data');
    mkdirSync(data);
    const modulePath = ['/usr/lib/ldap', '/usr/lib64/openldap', '/usr/lib/openldap'].find((p) => existsSync(join(p, 'back_mdb.so')) || existsSync(join(p, 'back_mdb.la')));
    writeFileSync(
      join(this.dir, 'slapd.conf'),
      [
        ...['core', 'cosine', 'inetorgperson', 'nis'].map((schema) => `include /etc/ldap/schema/${schema}.schema`),
        `pidfile ${join(this.dir, 'slapd.pid')}`,
        `argsfile ${join(this.dir, 'slapd.args')}`,
        ...(modulePath ? [`modulepath ${modulePath}`, 'moduleload back_mdb'] : []),
        'database mdb',
        'maxsize 104857600',
        `suffix "${suffix}"`,
        `rootdn "${rootDn}"`,
        `rootpw ${rootPassword}`,
        `directory ${data}`,
        'index objectClass eq',
        '',
      ].join('\n'),
    );
    this.url = `ldap://127.0.0.1:${port}`;
    // -d 0: stay in the foreground (so the test owns the process) without debug output.
    const child = spawn(slapdPath, ['-f', join(this.dir, 'slapd.conf'), '-h', `${this.url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.process = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`slapd exited (${child.exitCode}): ${stderr.slice(-2000)}`);
      const client = new Client({ url: this.url, connectTimeout: 500, timeout: 1000 });
      try {
        await client.bind(rootDn, rootPassword);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`slapd did not answer on ${this.url}: ${String(error)} ${stderr.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }
  }

  /** A client bound as the root DN, for seeding and changing entries. */
  async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: this.url });
    await client.bind(rootDn, rootPassword);
    try {
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  async close(): Promise<void> {
    const child = this.process;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

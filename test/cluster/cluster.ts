/**
 * A merchant's production shape on one machine: one Juspay sandbox, N kit processes (kit-instance.ts) on one
 * Redis, and a round-robin proxy in front, all over real HTTP. Used by the multi-instance suite and by
 * `npm run bench:kit`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { CheckoutSession, LogEntry } from '../../src/server/index.js';

const INSTANCE_SCRIPT = fileURLToPath(new URL('./kit-instance.ts', import.meta.url));

export interface KitInstance {
  name: string;
  url: string;
  process: ChildProcess;
  logs: LogEntry[];
  /** SIGKILL: no cleanup, no lock release, as a crashed or OOM-killed process. */
  kill(): void;
}

export interface InstanceConfig {
  juspay: { baseUrl: string; apiKey: string; merchantId: string };
  sessionSecret: string;
  redisUrl?: string | undefined;
  /** Extra kit options (JSON-serialisable): limits, deadlineMs, timeoutMs (Juspay's per call). */
  kitOptions?: Record<string, unknown>;
  /** Print no log lines (benchmarks). */
  quiet?: boolean;
}

export async function startInstance(name: string, config: InstanceConfig): Promise<KitInstance> {
  const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE_SCRIPT], {
    env: {
      ...process.env,
      INSTANCE: name,
      JUSPAY_BASE_URL: config.juspay.baseUrl,
      JUSPAY_API_KEY: config.juspay.apiKey,
      JUSPAY_MERCHANT_ID: config.juspay.merchantId,
      SESSION_SECRET: config.sessionSecret,
      REDIS_URL: config.redisUrl ?? '',
      KIT_OPTIONS: JSON.stringify(config.kitOptions ?? {}),
      KIT_LOG: config.quiet ? '0' : '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogEntry[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`kit instance ${name} exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = /^ready (\d+)$/.exec(line);
      if (ready) resolve(Number(ready[1]));
      else if (line.startsWith('{')) logs.push(JSON.parse(line) as LogEntry);
    });
  });
  return { name, url: `http://127.0.0.1:${port}`, process: child, logs, kill: () => child.kill('SIGKILL') };
}

export interface RoundRobinProxy {
  url: string;
  /** Which instance answered each request, in order. */
  served: string[];
  /** Leave an instance out of the rotation (a load balancer's health check noticing it is gone). */
  remove(name: string): void;
  close(): Promise<void>;
}

/**
 * Round-robin over the instances, one request each in turn. It is the edge: it sets `x-forwarded-for` to the
 * client's address (a test may assert another client with `x-test-client-ip`), and answers 502 when an instance
 * drops the connection, as a load balancer does.
 */
export async function roundRobin(instances: KitInstance[]): Promise<RoundRobinProxy> {
  let live = [...instances];
  let next = 0;
  const served: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const target = live[next++ % live.length]!;
    served.push(target.name);
    const headers = { ...incoming.headers };
    headers['x-forwarded-for'] = String(incoming.headers['x-test-client-ip'] ?? incoming.socket.remoteAddress);
    delete headers['x-test-client-ip'];
    const upstream = httpRequest(target.url + incoming.url, { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-instance': target.name });
      answer.pipe(outgoing);
    });
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json', 'x-instance': target.name });
      outgoing.end('{"error":{"code":"server_error","message":"Bad gateway."}}');
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    remove: (name) => {
      live = live.filter((instance) => instance.name !== name);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { CheckoutSession };

export interface JuspayCall {
  method: string;
  path: string;
  body: string;
}

export interface JuspayRecorder {
  url: string;
  calls: JuspayCall[];
  close(): Promise<void>;
}

/** Sits between the kit instances and the sandbox and records every Juspay call they make (no secret is kept). */
export async function recordJuspay(sandboxUrl: string): Promise<JuspayRecorder> {
  const target = new URL(sandboxUrl);
  const calls: JuspayCall[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = (incoming.url ?? '/').split('?')[0]!;
      calls.push({ method: incoming.method ?? 'GET', path, body: body.toString() });
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname.replace(/\/$/, '') + incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => outgoing.destroy());
      // The kit gave up on this call (its deadline): the sandbox still gets the whole request, as Juspay would.
      outgoing.on('close', () => undefined);
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

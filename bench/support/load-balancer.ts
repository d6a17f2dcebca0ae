import http from 'node:http';
import { pathToFileURL } from 'node:url';

// A small round-robin HTTP load balancer for running several `gongzhi start` instances on one
// machine (issue 7, "more than one server"); used by test/trust/multi-instance*.test.ts and the
// multi-instance benches, and runnable by hand:
//   node --import tsx bench/support/load-balancer.ts 8080 http://127.0.0.1:3001 http://127.0.0.1:3002
// Why node and not nginx: nginx is not installed here (CI would have to apt-get it), and the
// tests need to see which upstream answered and how often a request was retried; a hundred lines
// of node give both without a config file. It is a test and bench tool, not a production proxy.
// Design:
// - the request body is buffered (the API's bodies are small; uploads are capped by the server
//   anyway), so a request can be sent again to another upstream;
// - round robin over the upstreams that are not marked down; a connection error marks an
//   upstream down for `downForMs`, after which it gets traffic again (passive health check);
// - a request that failed to reach an upstream is retried on the next one when that is safe:
//   always for GET/HEAD/OPTIONS; for other methods only if the connection was refused (nothing
//   was sent) or the request carries an Idempotency-Key (the server replays it, no double write);
// - X-Forwarded-For / -Proto / -Host are set (the servers run with GONGZHI_TRUST_PROXY=1), and
//   every answer carries X-Gongzhi-Upstream: the index of the upstream that produced it.

export interface LoadBalancer {
  url: string;
  port: number;
  /** requests answered by each upstream (index = upstream index) */
  answered: number[];
  /** sends that failed to reach an upstream and were tried on another */
  retried: number;
  /** requests that got a 502 from the balancer (no upstream could take them) */
  failed: number;
  stop(): Promise<void>;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export async function startLoadBalancer(opts: { upstreams: string[]; port?: number; host?: string; downForMs?: number }): Promise<LoadBalancer> {
  const ups = opts.upstreams.map((u) => new URL(u));
  const downUntil = ups.map(() => 0);
  const downForMs = opts.downForMs ?? 2000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let next = 0;
  const lb: LoadBalancer = { url: '', port: 0, answered: ups.map(() => 0), retried: 0, failed: 0, stop: async () => {} };

  /** The next upstream in turn that is up; when all are down, the next one anyway (it may be back). */
  const pick = (tried: Set<number>): number | null => {
    const now = Date.now();
    for (let k = 0; k < ups.length; k++) {
      const i = (next + k) % ups.length;
      if (!tried.has(i) && downUntil[i]! <= now) {
        next = (i + 1) % ups.length;
        return i;
      }
    }
    for (let k = 0; k < ups.length; k++) {
      const i = (next + k) % ups.length;
      if (!tried.has(i)) return i;
    }
    return null;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
    req.on('error', () => res.destroy());
  });

  function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, tried: Set<number>): void {
    const i = pick(tried);
    if (i === null) {
      lb.failed++;
      res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ code: 'BAD_GATEWAY', message: '所有服务实例均不可用' }));
      return;
    }
    tried.add(i);
    const up = ups[i]!;
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP.has(k) && v !== undefined) headers[k] = v;
    const peer = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${peer}` : peer;
    headers['x-forwarded-proto'] = 'http';
    headers['x-forwarded-host'] = req.headers.host ?? '';
    headers['content-length'] = String(body.length);
    let answered = false;
    const out = http.request(
      { host: up.hostname, port: up.port, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        answered = true;
        const h: http.OutgoingHttpHeaders = {};
        for (const [k, v] of Object.entries(upRes.headers)) if (!HOP.has(k) && v !== undefined) h[k] = v;
        h['x-gongzhi-upstream'] = String(i);
        res.writeHead(upRes.statusCode ?? 502, h);
        upRes.pipe(res);
        upRes.on('end', () => lb.answered[i]!++);
        // the upstream died mid-body: the client must not take a truncated body for a whole one
        upRes.on('error', () => res.destroy());
        upRes.on('aborted', () => res.destroy());
      },
    );
    out.on('error', (e: NodeJS.ErrnoException) => {
      if (answered) return res.destroy();
      downUntil[i] = Date.now() + downForMs;
      const refused = e.code === 'ECONNREFUSED';
      const retryable = SAFE.has(req.method ?? '') || refused || req.headers['idempotency-key'] !== undefined;
      if (retryable && tried.size < ups.length) {
        lb.retried++;
        forward(req, res, body, tried);
      } else {
        lb.failed++;
        res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 'BAD_GATEWAY', message: '服务实例无响应，请稍后重试' }));
      }
    });
    out.end(body);
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  lb.port = port;
  lb.url = `http://127.0.0.1:${port}`;
  lb.stop = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    agent.destroy();
  };
  return lb;
}

// by hand: load-balancer.ts PORT UPSTREAM...
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [port, ...upstreams] = process.argv.slice(2);
  if (!port || upstreams.length === 0) {
    console.error('usage: node --import tsx bench/support/load-balancer.ts PORT UPSTREAM_URL...');
    process.exit(2);
  }
  const lb = await startLoadBalancer({ port: Number(port), host: '0.0.0.0', upstreams });
  console.log(`load balancer on ${lb.url} → ${upstreams.join(', ')}`);
}

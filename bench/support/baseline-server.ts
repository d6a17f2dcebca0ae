// The baseline of the ballot-casting benchmark (issue 3): a bare Fastify + pg endpoint doing one
// durable INSERT per request (synchronous_commit on, PostgreSQL's default, stated explicitly) into
// a scratch table of the same database. No session, no validation beyond JSON parsing, no audit:
// the floor this machine gives a durable write over HTTP. Run as its own process, like the
// platform it is compared with, with the same pool size (20, as `gongzhi start`).
//   DATABASE_URL=… PORT=… node --import tsx bench/support/baseline-server.ts
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, options: '-c synchronous_commit=on' });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (
  id bigserial PRIMARY KEY, idempotency_key text NOT NULL, body jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now())`);

const app = Fastify({ logger: false });
app.post('/insert', async (req) => {
  const key = String(req.headers['idempotency-key'] ?? '');
  const r = await pool.query('INSERT INTO bench_baseline (idempotency_key, body) VALUES ($1, $2) RETURNING id', [key, req.body]);
  return { id: Number(r.rows[0].id) };
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
process.on('SIGINT', () => void app.close().then(() => pool.end()).then(() => process.exit(0)));

// Apportionment of a fund cost over 10,000 units by area (issue 4): target below 50 ms.
// Engine: `apportion()` from @gongzhi/domain — the same largest-remainder split (apportionByArea)
// the server freezes into fund_application_shares and `gongzhi apportion` prints — over units with
// realistic areas (45.00–180.99 m², two decimals, many equal areas so ties occur) and a budget of
// 1,234,567.89 元. One cold run, then BENCH_RUNS warm runs: median (judged against the target) and p95. Parsing the CLI's
// JSON input (areas read through their decimal text) is reported beside it, without a target.
import os from 'node:os';
import { apportion, parseApportionInput } from '@gongzhi/domain';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const TARGET_MS = 50;
const TOTAL_FEN = 123_456_789;

const ms = (x: number) => Number(x.toFixed(2));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

// deterministic pseudo-random areas (a fixed LCG): the same estate on every run
let seed = 20_260_401;
const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0);
const raw = {
  totalFen: TOTAL_FEN,
  units: Array.from({ length: UNITS }, (_, i) => ({
    unit: `${1 + Math.floor(i / 120)}-${1 + Math.floor((i % 120) / 4)}0${(i % 4) + 1}`,
    area: Number(`${45 + (next() % 136)}.${String(next() % 100).padStart(2, '0')}`),
  })),
};

const parsedCold = time(() => parseApportionInput(JSON.parse(JSON.stringify(raw))));
if (!parsedCold.value.ok) throw new Error(`bench input refused: ${parsedCold.value.field} ${parsedCold.value.message}`);
const input = parsedCold.value;
const parseMs = Array.from({ length: Math.min(RUNS, 50) }, () => time(() => parseApportionInput(raw)).ms);

const cold = time(() => apportion(input));
const warm = Array.from({ length: RUNS }, () => time(() => apportion(input)).ms);

// the result must be right, not only fast
const sum = cold.value.shares.reduce((a, s) => a + s.fen, 0);
if (sum !== TOTAL_FEN) throw new Error(`shares sum to ${sum}, not ${TOTAL_FEN}`);
const distinctAreas = new Set(input.units.map((u) => u.areaCenti)).size;

const medianMs = ms(quantile(warm, 0.5));
const p95Ms = ms(quantile(warm, 0.95));
// the target is on the median, as in bench:tally; p95 is reported and judged beside it because a
// loaded machine (other processes, GC) shows there first
const pass = medianMs < TARGET_MS;
const p95Pass = p95Ms < TARGET_MS;
console.log(JSON.stringify({
  benchmark: 'apportion', units: UNITS, runs: RUNS, totalFen: TOTAL_FEN,
  medianMs, p95Ms, maxMs: ms(Math.max(...warm)), coldMs: ms(cold.ms), targetMs: TARGET_MS, pass, p95Pass,
  parse: { medianMs: ms(quantile(parseMs, 0.5)), coldMs: ms(parsedCold.ms) },
  sharesSumFen: sum, distinctAreas,
  cpus: os.cpus().length, loadAverage: os.loadavg().map((x) => Number(x.toFixed(1))),
}, null, 2));
process.exit(pass ? 0 : 1);

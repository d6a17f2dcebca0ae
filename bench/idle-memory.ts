// Server memory at idle with the demo city loaded. Target (issue 2): below 250 MB RSS.
// Starts the real platform, lets it settle, samples the server process's RSS (PostgreSQL runs in
// its own processes and is not counted), then also after a burst of requests has come and gone.
import { login, rssBytes, spawnPlatform } from './support/spawn-platform.ts';

const TARGET_MB = 250;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const platform = await spawnPlatform();
try {
  await sleep(10_000);
  const idleMb = rssBytes(platform.pid) / 2 ** 20;
  // a burst of real work, then idle again: memory must come back down, not grow without bound
  const cookie = await login(platform.url, 'city', process.env.DEMO_PASSWORD ?? 'Demo@2026').catch(() => null);
  if (cookie) {
    for (let i = 0; i < 300; i++) {
      await fetch(`${platform.url}/api/v1/units?page=${(i % 50) + 1}&pageSize=50`, { headers: { cookie } });
    }
  }
  await sleep(10_000);
  const afterBurstMb = rssBytes(platform.pid) / 2 ** 20;
  const result = {
    benchmark: 'idle-memory',
    targetMb: TARGET_MB,
    idleRssMb: Math.round(idleMb * 10) / 10,
    afterBurstIdleRssMb: Math.round(afterBurstMb * 10) / 10,
    burstRan: cookie !== null,
    pass: idleMb < TARGET_MB && afterBurstMb < TARGET_MB,
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await platform.stop();
}

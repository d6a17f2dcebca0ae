import fs from 'node:fs';

// After the journeys: the e2e server's personal-data scan (e2e/pii-preload.ts) must have found
// nothing. Prints the counts as JSON; a finding fails the run with the route and a masked excerpt.
export default async function piiTeardown(): Promise<void> {
  const report = process.env.GZ_PII_REPORT;
  if (!report) return;
  await new Promise((r) => setTimeout(r, 1200)); // the server saves its counts every 500 ms
  if (!fs.existsSync(report)) throw new Error(`personal data scan: no report at ${report} (was the e2e server started with e2e/pii-preload.ts?)`);
  const { counts, findings } = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    counts: Record<string, number>; findings: { source: string; where: string; kind: string; masked: string; excerpt: string }[];
  };
  fs.rmSync(report, { force: true });
  console.log(JSON.stringify({ piiScan: 'e2e', ...counts, findings: findings.length }));
  if (findings.length) {
    const lines = findings.slice(0, 20).map((f) => `  [${f.source}] ${f.where} — ${f.kind} ${f.masked} in «${f.excerpt}»`);
    throw new Error(`personal data scan (e2e server): ${findings.length} unmasked number(s) outside the audited reveal:\n${lines.join('\n')}`);
  }
}

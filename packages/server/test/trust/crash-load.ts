import crypto from 'node:crypto';

// The crash harness's load: concurrent clients doing real mutations through HTTP, each step with
// an Idempotency-Key, retried with the SAME key until it gets an answer (a 5xx, a refused
// connection or a cut-off response is no answer: the server or PostgreSQL is down or was killed
// mid-request). Every 2xx is an acknowledged write, recorded with what identifies it in the
// database (an id or receipt from the answer, and a marker text that appears nowhere else), so
// the check afterwards can look each one up.

export type WriteKind = 'ballot' | 'fund.deposit' | 'case.file' | 'case.respond' | 'case.note' | 'case.resolve' | 'notice.create' | 'notice.publish' | 'notice.correct';

export interface Ack {
  kind: WriteKind;
  key: string;
  /** the id the answer returned (case, notice, movement), or the ballot receipts */
  id?: number;
  receipts?: string[];
  /** the unique text the write carried (memo, title, event text) */
  marker: string;
  /** the answer came from the stored reply of an earlier attempt */
  replayed: boolean;
  attempts: number;
}

export interface LoadStats {
  acks: Ack[];
  /** attempts after the first (no answer: 5xx, connection refused or reset) */
  retried: number;
  /** definitive refusals (4xx) — none expected while durability holds */
  refused: { kind: WriteKind; status: number; body: string }[];
  /** requests in flight at each kill */
  inFlightAtKills: number[];
}

export interface Target { url: string }
export interface Who { cookie: string }

export interface LoadWorld {
  meeting: { id: number; itemIds: number[]; candidateIds: number[]; owners: Who[] };
  funds: { estateId: number; unitIds: number[]; district: Who };
  cases: { owner: Who; unitId: number; staff: Who };
  notices: { estateId: number; chair: Who };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rnd = (n: number) => Math.floor(Math.random() * n);

export class Load {
  readonly stats: LoadStats = { acks: [], retried: 0, refused: [], inFlightAtKills: [] };
  inFlight = 0;
  private stopping = false;
  private abandoned = false;
  private seq = 0;
  private readonly run = crypto.randomBytes(3).toString('hex');

  constructor(private readonly target: Target, private readonly w: LoadWorld) {}

  private marker(kind: string): string {
    return `crash-${this.run}-${kind}-${++this.seq}`;
  }

  /** One step, retried with its key until a definitive answer; null when refused (4xx). */
  private async step(kind: WriteKind, method: string, path: string, who: Who, body: unknown, marker: string): Promise<{ json: any; ack: Ack } | null> {
    const key = `${marker}-k`;
    for (let attempt = 1; ; attempt++) {
      if (this.abandoned) return null;
      if (attempt > 1) this.stats.retried++;
      this.inFlight++;
      let res: Response | undefined;
      let text = '';
      try {
        res = await fetch(`${this.target.url}/api/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', cookie: who.cookie, 'idempotency-key': key },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        text = await res.text();
      } catch {
        res = undefined; // refused, reset or cut off: no answer
      } finally {
        this.inFlight--;
      }
      if (res && res.status >= 200 && res.status < 300) {
        const json = JSON.parse(text);
        const ack: Ack = { kind, key, marker, replayed: res.headers.get('idempotent-replayed') === 'true', attempts: attempt };
        this.stats.acks.push(ack);
        return { json, ack };
      }
      if (res && res.status >= 400 && res.status < 500) {
        this.stats.refused.push({ kind, status: res.status, body: text.slice(0, 300) });
        return null;
      }
      await sleep(250 + rnd(250));
    }
  }

  private async ballots(owner: Who): Promise<void> {
    const m = this.w.meeting;
    const marker = this.marker('ballot');
    const body = { votes: [{ itemId: m.itemIds[0], choice: ['yes', 'no', 'abstain'][rnd(3)] }, { itemId: m.itemIds[1], approvals: [m.candidateIds[rnd(m.candidateIds.length)]] }] };
    const r = await this.step('ballot', 'POST', `/meetings/${m.id}/ballots`, owner, body, marker);
    if (r) r.ack.receipts = (r.json.receipts as { receipt: string }[]).map((x) => x.receipt);
  }

  private async deposit(): Promise<void> {
    const f = this.w.funds;
    const marker = this.marker('fund');
    const lines = f.unitIds.map((unitId) => ({ unitId, amountFen: 100 + rnd(10_000) }));
    const r = await this.step('fund.deposit', 'POST', `/estates/${f.estateId}/fund/deposits`, f.district, { kind: 'deposit', memo: marker, lines }, marker);
    if (r) r.ack.id = r.json.movementId;
  }

  private async caseChain(): Promise<void> {
    const c = this.w.cases;
    const title = this.marker('case');
    const filed = await this.step('case.file', 'POST', '/my/cases', c.owner, {
      category: 'common_repair', locationKind: 'unit', unitId: c.unitId, title, description: '崩溃测试：楼上渗水。',
    }, title);
    if (!filed) return;
    const id = filed.json.id as number;
    filed.ack.id = id;
    for (const [kind, path] of [['case.respond', 'respond'], ['case.note', 'notes'], ['case.resolve', 'resolve']] as const) {
      if (this.stopping && kind !== 'case.respond') return;
      const text = this.marker(kind);
      const r = await this.step(kind, 'POST', `/cases/${id}/${path}`, c.staff, { text }, text);
      if (!r) return;
      r.ack.id = id;
    }
  }

  private async noticeChain(): Promise<void> {
    const n = this.w.notices;
    const title = this.marker('notice');
    const created = await this.step('notice.create', 'POST', `/estates/${n.estateId}/notices`, n.chair, {
      kind: 'notice', title, body: '崩溃测试通知正文', audience: 'owners',
    }, title);
    if (!created) return;
    const id = created.json.id as number;
    created.ack.id = id;
    const pub = await this.step('notice.publish', 'POST', `/notices/${id}/publish`, n.chair, {}, `${title}-publish`);
    if (!pub) return;
    pub.ack.id = id;
    if (this.stopping) return;
    const fixed = this.marker('correction');
    const cor = await this.step('notice.correct', 'POST', `/notices/${id}/correct`, n.chair, { title: fixed, body: '更正后的正文', reason: '时间写错' }, fixed);
    if (cor) cor.ack.id = cor.json.id;
  }

  /** Starts `clients` loops of each kind; they run until stop(). */
  start(clients: { ballot: number; fund: number; cases: number; notices: number }): Promise<void> {
    const loop = async (f: () => Promise<void>) => {
      while (!this.stopping) await f();
    };
    const owners = this.w.meeting.owners;
    return Promise.all([
      ...Array.from({ length: clients.ballot }, (_, i) => loop(() => this.ballots(owners[i % owners.length]!))),
      ...Array.from({ length: clients.fund }, () => loop(() => this.deposit())),
      ...Array.from({ length: clients.cases }, () => loop(() => this.caseChain())),
      ...Array.from({ length: clients.notices }, () => loop(() => this.noticeChain())),
    ]).then(() => undefined);
  }

  /** Clients finish the step they are in (retrying until answered) and stop. */
  stop(): void {
    this.stopping = true;
  }

  /** After a failure: clients stop retrying too (nothing will answer them). */
  abandon(): void {
    this.stopping = true;
    this.abandoned = true;
  }
}

// SMS and e-mail go through one interface so that a real gateway can replace the console
// without touching any module.
export interface OutgoingMessage {
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  body: string;
}

export interface MessageSender {
  send(msg: OutgoingMessage): Promise<void>;
}

/** Development sender: prints the message, and keeps the last ones so tests can read a code. */
export class ConsoleSender implements MessageSender {
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly print = true) {}
  async send(msg: OutgoingMessage): Promise<void> {
    this.sent.push(msg);
    if (this.sent.length > 1000) this.sent.shift();
    if (this.print) console.log(`[${msg.channel} → ${msg.to}] ${msg.subject}: ${msg.body}`);
  }
  lastTo(to: string): OutgoingMessage | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i].to === to) return this.sent[i];
    return undefined;
  }
}

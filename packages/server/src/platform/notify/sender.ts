// SMS and e-mail go through one interface so that a real gateway can replace the console
// without touching any module.
import { isMobilePhone, maskPhone } from '@gongzhi/domain';
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
    // the console is a log: it names a phone only masked (the code itself is what a developer needs)
    if (this.print) console.log(`[${msg.channel} → ${isMobilePhone(msg.to) ? maskPhone(msg.to) : msg.to}] ${msg.subject}: ${msg.body}`);
  }
  lastTo(to: string): OutgoingMessage | undefined {
    for (let i = this.sent.length - 1; i >= 0; i--) if (this.sent[i].to === to) return this.sent[i];
    return undefined;
  }
}

/** The message an SMTP-like transport is given. The shape of nodemailer's `sendMail` options, so
 *  `(mail) => transporter.sendMail(mail)` plugs a real SMTP server in without changing this file. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
}
export type MailTransport = (mail: MailMessage) => Promise<unknown>;

/** E-mail through a transport function; SMS through another sender (the console by default).
 *  A transport that throws marks the notification 'failed' with its error (see notify()). */
export class EmailSender implements MessageSender {
  private readonly transport: MailTransport;
  private readonly from: string;
  private readonly sms: MessageSender;
  constructor(opts: { transport: MailTransport; from: string; sms?: MessageSender }) {
    this.transport = opts.transport;
    this.from = opts.from;
    this.sms = opts.sms ?? new ConsoleSender();
  }
  async send(msg: OutgoingMessage): Promise<void> {
    if (msg.channel === 'sms') return this.sms.send(msg);
    if (!/^[^\s@]+@[^\s@]+$/.test(msg.to)) throw new Error(`not an e-mail address: ${msg.to}`);
    await this.transport({ from: this.from, to: msg.to, subject: msg.subject, text: msg.body });
  }
}

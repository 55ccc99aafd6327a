/**
 * A local SMTP server for tests (smtp-server on 127.0.0.1, port 0): keeps every message it accepts with its
 * envelope and the user that signed in, can require a password, can refuse with a chosen reply, and can go away
 * and come back on the same port.
 */
import { SMTPServer } from 'smtp-server';

export interface SinkMessage {
  from: string;
  to: string[];
  user: string | null;
  raw: string;
}

export interface Refusal {
  /** When to refuse: at RCPT TO (EENVELOPE on the client's side) or after DATA (EMESSAGE). */
  stage: 'rcpt' | 'data';
  code: number;
  message: string;
}

export interface SmtpSink {
  port: number;
  messages: SinkMessage[];
  /** Failed sign-ins (wrong user or password). */
  authFailures: number;
  /** Set to make the server refuse every message, null to accept again. */
  refuse: Refusal | null;
  /** Stops listening (clients get ECONNREFUSED) until `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const refusal = (r: Refusal) => Object.assign(new Error(r.message), { responseCode: r.code });

export async function startSmtpSink(options: { auth?: { user: string; pass: string } } = {}): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    messages: [],
    authFailures: 0,
    refuse: null,
    stop: async () => undefined,
    start: async () => undefined,
    close: async () => undefined,
  };
  const auth = options.auth;
  const build = () =>
    new SMTPServer({
      logger: false,
      // Plain SMTP on loopback: no certificate to trust; sign-in without TLS allowed for the same reason.
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !auth,
      allowInsecureAuth: true,
      onAuth(credentials, _session, callback) {
        if (auth && credentials.username === auth.user && credentials.password === auth.pass) return callback(null, { user: auth.user });
        sink.authFailures += 1;
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
      onRcptTo(_address, _session, callback) {
        if (sink.refuse?.stage === 'rcpt') return callback(refusal(sink.refuse));
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (sink.refuse?.stage === 'data') return callback(refusal(sink.refuse));
          sink.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: typeof session.user === 'string' ? session.user : null,
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          return callback();
        });
      },
    });
  let server = build();
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.server.address();
        sink.port = typeof address === 'object' && address ? address.port : port;
        resolve();
      });
    });
  let listening = false;
  const close = async () => {
    if (!listening) return;
    listening = false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen(0);
  listening = true;
  sink.stop = close;
  sink.start = async () => {
    server = build();
    await listen(sink.port);
    listening = true;
  };
  sink.close = close;
  return sink;
}

// The mailer's SMTP transport against a real SMTP server: the URL's credentials and options reach nodemailer,
// and a pooled connection carries a burst of messages (each one that arrived is counted).
import { SMTPServer } from 'smtp-server';
import { createSmtpMailer, smtpUrlOptions } from '../../lib/mail/mailer';

test('an SMTP URL gives nodemailer its host, TLS, credentials and options', () => {
  expect(
    smtpUrlOptions(
      'smtps://notices%40ncpcr:p%40ss@mail.example:465?maxConnections=10&tls.rejectUnauthorized=false&pool=true',
    ),
  ).toEqual({
    host: 'mail.example',
    port: 465,
    secure: true,
    auth: { user: 'notices@ncpcr', pass: 'p@ss' },
    maxConnections: 10,
    pool: true,
    tls: { rejectUnauthorized: false },
  });
  expect(smtpUrlOptions('smtp://[::1]:1025')).toEqual({ host: '::1', port: 1025, secure: false });
});

test('sends through a server that requires the credentials of the URL, many messages over the pool', async () => {
  const arrived: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'notices@ncpcr' && auth.password === 'p@ss')
        callback(null, { user: auth.username });
      else callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        arrived.push(String(session.user));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const message = (i: number) => ({
    from: 'NCPCR <notices@ncpcr.example>',
    to: { name: 'Officer', address: `officer-${i}@police.example` },
    subject: `Notice ${i}`,
    text: 'text',
    html: '<p>html</p>',
    messageId: `<notice-${i}@ncpcr.example>`,
  });
  const wrong = createSmtpMailer(`smtp://notices%40ncpcr:wrong@127.0.0.1:${port}`);
  await expect(wrong.send(message(0))).rejects.toThrow(/Invalid login|bad credentials/);
  wrong.close();
  const mailer = createSmtpMailer(`smtp://notices%40ncpcr:p%40ss@127.0.0.1:${port}`);
  try {
    await Promise.all(Array.from({ length: 200 }, (_, i) => mailer.send(message(i))));
    expect(arrived).toHaveLength(200);
    expect(new Set(arrived)).toEqual(new Set(['notices@ncpcr']));
  } finally {
    mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

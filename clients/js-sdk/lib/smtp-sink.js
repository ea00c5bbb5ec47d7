// A minimal SMTP sink: listens where the profile's smtp_sink says the target
// sends its mail, accepts every message (plain SMTP, no TLS, no
// authentication, as a test relay) and keeps it in memory, decoded, so a
// test can wait for the mail a request should have caused.
import { createServer } from 'node:net';

/** One received mail: envelope recipients, headers (lower-case names), decoded body. */
function parseMail(raw, recipients) {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  let body = split < 0 ? '' : raw.slice(split + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(
      body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
    body = bytes.toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { recipients, subject: headers.subject ?? '', headers, body };
}

/** Starts the sink on host:port; resolves to { mails, waitFor(predicate, ms), close() }. */
export function startSmtpSink({ host, port }) {
  const mails = [];
  const waiters = new Set();
  const sockets = new Set();
  const server = createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('latin1');
    let buffer = '';
    let inData = false;
    let recipients = [];
    const reply = line => socket.write(`${line}\r\n`);
    reply('220 parse-conformance-js-sdk SMTP sink');
    socket.on('error', () => {});
    socket.on('data', chunk => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.startsWith('.\r\n') ? 0 : buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = end === 0 ? '' : buffer.slice(0, end).replace(/^\.\./gm, '.');
          buffer = buffer.slice(end === 0 ? 3 : end + 5);
          inData = false;
          const mail = parseMail(raw, recipients);
          mails.push(mail);
          for (const waiter of waiters) waiter(mail);
          recipients = [];
          reply('250 OK: kept');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? line.slice(line.indexOf(':') + 1).trim();
          recipients.push(address.toLowerCase());
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'QUIT') {
          reply('221 Bye');
          socket.end();
          return;
        } else if (verb === 'RSET') {
          recipients = [];
          reply('250 OK');
        } else {
          // EHLO, HELO, MAIL, NOOP and anything else: accepted.
          reply('250 OK');
        }
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', error =>
      reject(new Error(`the SMTP sink cannot listen on ${host}:${port} (the profile's smtp_sink): ${error.message}`)),
    );
    server.listen(port, host, () =>
      resolve({
        mails,
        /** Resolves with the first mail (already received or coming) that `predicate` accepts. */
        waitFor(predicate, ms, what) {
          const found = mails.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((done, fail) => {
            const waiter = mail => {
              if (!predicate(mail)) return;
              clearTimeout(timer);
              waiters.delete(waiter);
              done(mail);
            };
            const timer = setTimeout(() => {
              waiters.delete(waiter);
              const seen = mails.map(m => `${m.recipients.join(',')}: ${m.subject}`).join('; ') || 'none';
              fail(new Error(`no ${what} arrived at ${host}:${port} within ${ms} ms (mails received: ${seen})`));
            }, ms);
            waiters.add(waiter);
          });
        },
        close: () =>
          new Promise(done => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      }),
    );
  });
}

// A Parse Server email adapter that sends real mail over SMTP (nodemailer),
// to the SMTP sink of the parse-conformance runner. The link is in the plain
// text body. Only the address and the link are used from the user object,
// never its internal fields. Failures are logged, never thrown.
const nodemailer = require('./package-require')('nodemailer');

module.exports = function SmtpEmailAdapter(options = {}) {
  const transport = nodemailer.createTransport({
    host: options.host || '127.0.0.1',
    port: options.port || 2525,
    secure: false,
    ignoreTLS: true,
  });
  const from = options.fromAddress || 'parse-server@localhost';

  const send = async ({ to, subject, text }) => {
    try {
      await transport.sendMail({ from, to, subject, text });
    } catch (error) {
      console.error(`smtp-email-adapter: could not send "${subject}" to ${to}: ${error.message}`);
    }
  };
  const addressOf = user => user.get('email') || user.get('username');

  return {
    sendMail: ({ to, subject, text }) => send({ to, subject, text }),
    sendVerificationEmail: ({ link, appName, user }) =>
      send({
        to: addressOf(user),
        subject: `Please verify your e-mail for ${appName}`,
        text: `Verify your e-mail address for ${appName} by following this link:\n${link}\n`,
      }),
    sendPasswordResetEmail: ({ link, appName, user }) =>
      send({
        to: addressOf(user),
        subject: `Password Reset for ${appName}`,
        text: `Reset your password for ${appName} by following this link:\n${link}\n`,
      }),
  };
};

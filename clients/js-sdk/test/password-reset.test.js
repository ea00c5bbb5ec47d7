// Requesting a password reset through the SDK (the guide's "Requesting A
// Password Reset"): the request succeeds, and the target mails a reset link
// to the user's email address. The mail is judged end to end: this file
// listens at the profile's smtp_sink, where the target sends its mail.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Parse, signUpNewUser, target } from '../lib/parse.js';
import { startSmtpSink } from '../lib/smtp-sink.js';

let sink;
before(async () => {
  sink = await startSmtpSink(target.smtpSink);
});
after(async () => {
  await sink?.close();
});

const isResetMailTo = address => mail =>
  mail.recipients.includes(address.toLowerCase()) && /request_password_reset\?token=/.test(mail.body);

test('password reset: the request succeeds and the reset link is mailed to the user', async () => {
  const user = await signUpNewUser('reset');
  const email = user.getEmail();
  await Parse.User.logOut();

  await Parse.User.requestPasswordReset(email);

  const mail = await sink.waitFor(isResetMailTo(email), 10000, `password reset mail for ${email}`);
  const link = /(https?:\/\/\S+request_password_reset\?token=[^\s&]+)/.exec(mail.body)?.[1];
  assert.ok(link, `the mail holds a reset link: ${mail.body}`);
  assert.ok(
    link.startsWith(`${target.url}/apps/${target.appId}/request_password_reset?token=`),
    `the link leads to the app's reset page on the target: ${link}`,
  );
  // No reset mail went to anyone who did not ask.
  const other = await signUpNewUser('reset_other');
  await new Promise(resolve => setTimeout(resolve, 300));
  assert.equal(sink.mails.filter(isResetMailTo(other.getEmail())).length, 0);
});

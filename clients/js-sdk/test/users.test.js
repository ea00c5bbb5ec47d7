// Users through the SDK: sign up, log in, the current user, become, log out,
// and the username/email conflicts (the guide's "Users" section: sign-up,
// logging in, retrieving the current user, and the uniqueness of username
// and email).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Parse, unique, signUpNewUser, rejectsWithCode } from '../lib/parse.js';

const PASSWORD = 'p4ssw0rd!';

test('sign up: the user gets an id, a session token, and becomes the current user', async () => {
  const username = unique('signup');
  const user = new Parse.User();
  user.set('username', username);
  user.set('password', PASSWORD);
  user.set('email', `${username}@example.com`);
  user.set('nickname', 'Ann');
  await user.signUp();

  assert.match(user.id, /^[A-Za-z0-9]+$/);
  assert.match(user.getSessionToken() ?? '', /^r:/, 'a sign-up returns a revocable session token');
  assert.ok(user.createdAt instanceof Date);
  assert.equal(user.get('password'), undefined, 'the password never comes back');
  assert.equal(Parse.User.current()?.id, user.id);
  assert.ok(user.isCurrent());
  assert.ok(user.authenticated());
});

test('log in: the right password gives a session of the same user, a wrong one error 101', async () => {
  const user = await signUpNewUser('login', PASSWORD);
  const username = user.getUsername();
  await Parse.User.logOut();
  assert.equal(Parse.User.current(), null);

  const loggedIn = await Parse.User.logIn(username, PASSWORD);
  assert.equal(loggedIn.id, user.id);
  assert.equal(loggedIn.getUsername(), username);
  assert.equal(loggedIn.get('email'), `${username}@example.com`);
  assert.equal(loggedIn.get('password'), undefined);
  assert.match(loggedIn.getSessionToken() ?? '', /^r:/);
  assert.notEqual(loggedIn.getSessionToken(), user.getSessionToken(), 'each login opens its own session');
  assert.equal(Parse.User.current()?.id, user.id);

  const error = await rejectsWithCode(Parse.User.logIn(username, 'wrong-password'), Parse.Error.OBJECT_NOT_FOUND);
  assert.match(error.message, /invalid username\/password/i);
  await rejectsWithCode(Parse.User.logIn(unique('nobody'), PASSWORD), Parse.Error.OBJECT_NOT_FOUND);
});

test('current user: the server answers /users/me with the user of the session', async () => {
  const user = await signUpNewUser('current', PASSWORD);
  const current = await Parse.User.currentAsync();
  assert.equal(current?.id, user.id);
  // The server's view of the session (GET /users/me through the SDK).
  const me = await Parse.User.me(user.getSessionToken());
  assert.equal(me.id, user.id);
  assert.equal(me.getUsername(), user.getUsername());
  assert.equal(me.get('password'), undefined);
  // Fetching the current user reads it back from the server.
  current.set('nickname', 'changed-elsewhere');
  await current.fetch();
  assert.equal(current.get('nickname'), undefined);
});

test('become: a session token alone makes its user the current user', async () => {
  const user = await signUpNewUser('become', PASSWORD);
  const token = user.getSessionToken();
  // Another user takes over the SDK…
  const other = await signUpNewUser('become_other', PASSWORD);
  assert.equal(Parse.User.current()?.id, other.id);
  // …and become() switches back with nothing but the token.
  const became = await Parse.User.become(token);
  assert.equal(became.id, user.id);
  assert.equal(became.getUsername(), user.getUsername());
  assert.equal(became.getSessionToken(), token);
  assert.equal(Parse.User.current()?.id, user.id);

  await rejectsWithCode(Parse.User.become('r:not-a-session-token'), Parse.Error.INVALID_SESSION_TOKEN);
});

test('log out: the session is destroyed, its token refused afterwards', async () => {
  const user = await signUpNewUser('logout', PASSWORD);
  const token = user.getSessionToken();
  assert.equal((await Parse.User.become(token)).id, user.id, 'the token works before logging out');

  await Parse.User.logOut();
  assert.equal(Parse.User.current(), null);
  const error = await rejectsWithCode(Parse.User.become(token), Parse.Error.INVALID_SESSION_TOKEN);
  assert.match(error.message, /invalid session token/i);
  // A request that carries the old token is refused too.
  await rejectsWithCode(new Parse.Query(Parse.User).get(user.id, { sessionToken: token }), Parse.Error.INVALID_SESSION_TOKEN);
});

test('conflicts: a second sign-up with a taken username is error 202, a taken email 203', async () => {
  const first = await signUpNewUser('taken', PASSWORD);

  const sameName = new Parse.User();
  sameName.set('username', first.getUsername());
  sameName.set('password', 'another-password');
  const nameError = await rejectsWithCode(sameName.signUp(), Parse.Error.USERNAME_TAKEN);
  assert.match(nameError.message, /account already exists for this username/i);

  const sameEmail = new Parse.User();
  sameEmail.set('username', unique('taken_email'));
  sameEmail.set('password', PASSWORD);
  sameEmail.set('email', first.getEmail());
  const emailError = await rejectsWithCode(sameEmail.signUp(), Parse.Error.EMAIL_TAKEN);
  assert.match(emailError.message, /account already exists for this email address/i);

  // Neither attempt created a user.
  const named = await new Parse.Query(Parse.User)
    .containedIn('username', [first.getUsername(), sameEmail.getUsername()])
    .find({ useMasterKey: true });
  assert.deepEqual(named.map(u => u.id), [first.id]);
});

test('rename conflicts: changing one\'s username or email to a taken one is refused (202, 203)', async () => {
  const ann = await signUpNewUser('rename_ann', PASSWORD);
  const bob = await signUpNewUser('rename_bob', PASSWORD);
  assert.equal(Parse.User.current()?.id, bob.id);

  bob.setUsername(ann.getUsername());
  await rejectsWithCode(bob.save(), Parse.Error.USERNAME_TAKEN);
  bob.revert('username');
  bob.setEmail(ann.getEmail());
  await rejectsWithCode(bob.save(), Parse.Error.EMAIL_TAKEN);
  bob.revert('email');

  // Bob kept his name; a free name is accepted.
  const stored = await new Parse.Query(Parse.User).get(bob.id, { useMasterKey: true });
  assert.match(stored.getUsername(), /^rename_bob_/);
  const free = unique('renamed');
  bob.setUsername(free);
  await bob.save();
  assert.equal((await Parse.User.logIn(free, PASSWORD)).id, bob.id);
});

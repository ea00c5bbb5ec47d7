// Anonymous users through the SDK: a login with authData for the provider
// "anonymous" (the guide's "Linking Users" / authData) creates a user with a
// random username on first use and logs the same user in again afterwards.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Parse, rejectsWithCode } from '../lib/parse.js';

test('anonymous login: AnonymousUtils.logIn makes a new user with a session', async () => {
  const user = await Parse.AnonymousUtils.logIn();
  assert.match(user.id, /^[A-Za-z0-9]+$/);
  assert.ok(Parse.AnonymousUtils.isLinked(user), 'the user carries anonymous authData');
  assert.match(user.getSessionToken() ?? '', /^r:/);
  assert.ok(user.getUsername(), 'the server gives the user a username');
  assert.equal(Parse.User.current()?.id, user.id);
  // The session is real: the server knows its user.
  const me = await Parse.User.me(user.getSessionToken());
  assert.equal(me.id, user.id);

  // Each anonymous login without the same id is another user.
  await Parse.User.logOut();
  const another = await Parse.AnonymousUtils.logIn();
  assert.notEqual(another.id, user.id);
});

test('anonymous login via logInWith: the same authData id logs the same user in again', async () => {
  const authData = { id: randomUUID() };
  const first = await Parse.User.logInWith('anonymous', { authData });
  assert.ok(first.id);
  assert.ok(Parse.AnonymousUtils.isLinked(first));
  const firstToken = first.getSessionToken();
  await Parse.User.logOut();

  const again = await Parse.User.logInWith('anonymous', { authData });
  assert.equal(again.id, first.id, 'the same anonymous id is the same user');
  assert.match(again.getSessionToken() ?? '', /^r:/);
  assert.equal(Parse.User.current()?.id, first.id);
  // logOut destroyed the first session.
  await rejectsWithCode(Parse.User.become(firstToken), Parse.Error.INVALID_SESSION_TOKEN);
});

test('an anonymous user can save its own data and sign up properly later', async () => {
  const user = await Parse.AnonymousUtils.logIn();
  const username = `anon_upgraded_${user.id}`.toLowerCase();
  user.setUsername(username);
  user.setPassword('p4ssw0rd!');
  await user.save();
  assert.equal(Parse.User.current()?.id, user.id);
  // Now a regular login works for the same user.
  await Parse.User.logOut();
  const loggedIn = await Parse.User.logIn(username, 'p4ssw0rd!');
  assert.equal(loggedIn.id, user.id);
});

test('conflict: authData already linked to one user cannot be linked to another (208)', async () => {
  const authData = { id: randomUUID() };
  const first = await Parse.User.logInWith('anonymous', { authData });
  await Parse.User.logOut();

  const other = new Parse.User();
  other.set('username', `anon_other_${randomUUID().slice(0, 8)}`);
  other.set('password', 'p4ssw0rd!');
  await other.signUp();
  const error = await rejectsWithCode(other.linkWith('anonymous', { authData }), Parse.Error.ACCOUNT_ALREADY_LINKED);
  assert.match(error.message, /this auth is already used/i);
  // The id still logs the first user in.
  await Parse.User.logOut();
  assert.equal((await Parse.User.logInWith('anonymous', { authData })).id, first.id);
});

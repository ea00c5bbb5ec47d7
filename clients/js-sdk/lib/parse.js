// The official SDK, set up as an app sets it up: Parse.initialize with the
// application id and the JavaScript key, the server URL, and the master key
// for the calls that pass `useMasterKey: true`. Each test file runs in its
// own process (node --test), so each has its own SDK state and current user.
import { randomBytes } from 'node:crypto';
import Parse from 'parse/node';
import { loadTarget } from './target.js';

export const target = loadTarget();

Parse.initialize(target.appId, target.javascriptKey);
Parse.serverURL = target.url;
Parse.masterKey = target.masterKey;
// In node the SDK keeps no current user unless told to (one app per process).
Parse.User.enableUnsafeCurrentUser();

export { Parse };

/** A name no other run or test uses: `prefix` plus time and randomness. */
export function unique(prefix) {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/** Signs a new user up (unique username and email) and returns it. */
export async function signUpNewUser(prefix = 'sdkuser', password = 'p4ssw0rd!') {
  const user = new Parse.User();
  const username = unique(prefix);
  user.set('username', username);
  user.set('password', password);
  user.set('email', `${username}@example.com`);
  await user.signUp();
  return user;
}

/**
 * Classes the tests write to. Parse Server's default
 * (allowClientClassCreation: false) lets no client create a class, so an app
 * has its classes made beforehand: here with the master key, once, if missing.
 */
export async function ensureClass(className) {
  const schema = new Parse.Schema(className);
  try {
    await schema.get();
    return;
  } catch (error) {
    if (error.code !== Parse.Error.INVALID_CLASS_NAME) throw error;
  }
  try {
    await schema.save();
  } catch (error) {
    // Another test process created it meanwhile.
    if (error.code !== Parse.Error.INVALID_CLASS_NAME && error.code !== Parse.Error.DUPLICATE_VALUE) {
      throw error;
    }
    await schema.get();
  }
}

/** Asserts that `promise` rejects with the Parse error `code`; returns the error. */
export async function rejectsWithCode(promise, code) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (!error) {
    throw new Error(`expected the Parse error ${code}, but the call succeeded`);
  }
  if (!(error instanceof Parse.Error) || error.code !== code) {
    throw new Error(`expected the Parse error ${code}, got ${error.code ?? ''} ${error.message ?? error}`);
  }
  return error;
}

// Objects with ACLs through the SDK (the guide's "Security" / access control
// lists): what its ACL grants, another user may do; what it does not, the
// server answers as if the object did not exist (101). The master key
// (useMasterKey) passes every ACL.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Parse, ensureClass, rejectsWithCode, signUpNewUser, unique } from '../lib/parse.js';

const CLASS = 'SdkAclNote';
let owner;
let reader;
let stranger;

before(async () => {
  await ensureClass(CLASS);
  stranger = await signUpNewUser('acl_stranger');
  reader = await signUpNewUser('acl_reader');
  owner = await signUpNewUser('acl_owner');
  // No current user from here on: each call names its user's session, and
  // a call that names none is a client without a session. (Logging the last
  // user out destroys only that user's session.)
  await signUpNewUser('acl_nobody');
  await Parse.User.logOut();
});

const as = user => ({ sessionToken: user.getSessionToken() });

/** The owner saves a note with `acl`; returns it. */
async function saveNote(acl) {
  const note = new Parse.Object(CLASS);
  note.set('title', unique('note'));
  note.setACL(acl);
  await note.save(null, as(owner));
  return note;
}

test('a private object: only its owner reads it, another user gets 101', async () => {
  const note = await saveNote(new Parse.ACL(owner));
  const mine = await new Parse.Query(CLASS).get(note.id, as(owner));
  assert.equal(mine.get('title'), note.get('title'));
  assert.ok(mine.getACL().getReadAccess(owner));
  assert.equal(mine.getACL().getPublicReadAccess(), false);

  const error = await rejectsWithCode(new Parse.Query(CLASS).get(note.id, as(stranger)), Parse.Error.OBJECT_NOT_FOUND);
  assert.match(error.message, /object not found/i);
  // A query does not find it either, nor does a client without a session.
  const found = await new Parse.Query(CLASS).equalTo('title', note.get('title')).find(as(stranger));
  assert.deepEqual(found, []);
  assert.equal(Parse.User.current(), null);
  assert.equal(await new Parse.Query(CLASS).equalTo('title', note.get('title')).count(), 0);
  await rejectsWithCode(new Parse.Query(CLASS).get(note.id), Parse.Error.OBJECT_NOT_FOUND);
});

test('read granted to one user: that user reads it, but cannot change or delete it', async () => {
  const acl = new Parse.ACL(owner);
  acl.setReadAccess(reader, true);
  const note = await saveNote(acl);

  const seen = await new Parse.Query(CLASS).get(note.id, as(reader));
  assert.equal(seen.get('title'), note.get('title'));
  await rejectsWithCode(new Parse.Query(CLASS).get(note.id, as(stranger)), Parse.Error.OBJECT_NOT_FOUND);

  seen.set('title', 'changed by the reader');
  await rejectsWithCode(seen.save(null, as(reader)), Parse.Error.OBJECT_NOT_FOUND);
  await rejectsWithCode(seen.destroy(as(reader)), Parse.Error.OBJECT_NOT_FOUND);
  const unchanged = await new Parse.Query(CLASS).get(note.id, as(owner));
  assert.equal(unchanged.get('title'), note.get('title'));
});

test('write granted to one user: that user changes it; public read lets everyone read it', async () => {
  const acl = new Parse.ACL(owner);
  acl.setWriteAccess(reader, true);
  acl.setPublicReadAccess(true);
  const note = await saveNote(acl);

  const byStranger = await new Parse.Query(CLASS).get(note.id, as(stranger));
  assert.equal(byStranger.get('title'), note.get('title'));
  byStranger.set('title', 'changed by a stranger');
  await rejectsWithCode(byStranger.save(null, as(stranger)), Parse.Error.OBJECT_NOT_FOUND);

  const byWriter = await new Parse.Query(CLASS).get(note.id, as(reader));
  byWriter.set('title', 'changed by the writer');
  await byWriter.save(null, as(reader));
  const now = await new Parse.Query(CLASS).get(note.id, as(stranger));
  assert.equal(now.get('title'), 'changed by the writer');
});

test('the master key reads, changes and deletes what no user may', async () => {
  const note = await saveNote(new Parse.ACL(owner));
  await rejectsWithCode(new Parse.Query(CLASS).get(note.id, as(stranger)), Parse.Error.OBJECT_NOT_FOUND);

  const byMaster = await new Parse.Query(CLASS).get(note.id, { useMasterKey: true });
  assert.equal(byMaster.get('title'), note.get('title'));
  const found = await new Parse.Query(CLASS).equalTo('title', note.get('title')).find({ useMasterKey: true });
  assert.deepEqual(found.map(n => n.id), [note.id]);

  byMaster.set('title', 'changed with the master key');
  await byMaster.save(null, { useMasterKey: true });
  assert.equal((await new Parse.Query(CLASS).get(note.id, as(owner))).get('title'), 'changed with the master key');

  await byMaster.destroy({ useMasterKey: true });
  await rejectsWithCode(new Parse.Query(CLASS).get(note.id, as(owner)), Parse.Error.OBJECT_NOT_FOUND);
});

test('a user\'s own record: only that user reads it (with its email); others can neither read nor change it', async () => {
  const ownRecord = await new Parse.Query(Parse.User).get(reader.id, as(reader));
  assert.equal(ownRecord.getEmail(), reader.getEmail());
  assert.equal(ownRecord.get('password'), undefined);

  // Users are private (Parse Server's enforcePrivateUsers, on by default).
  await rejectsWithCode(new Parse.Query(Parse.User).get(reader.id, as(stranger)), Parse.Error.OBJECT_NOT_FOUND);
  const someoneElse = Parse.User.createWithoutData(reader.id);
  someoneElse.set('nickname', 'set by a stranger');
  // 206; Parse Server sanitizes the message to "Permission denied".
  await rejectsWithCode(someoneElse.save(null, as(stranger)), Parse.Error.SESSION_MISSING);
  const unchanged = await new Parse.Query(Parse.User).get(reader.id, { useMasterKey: true });
  assert.equal(unchanged.get('nickname'), undefined);
});

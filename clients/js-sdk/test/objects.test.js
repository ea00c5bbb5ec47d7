// Objects through the SDK (the guide's "Objects": create, retrieve, update
// with operators, pointers, delete).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Parse, ensureClass, rejectsWithCode, signUpNewUser, unique } from '../lib/parse.js';

const CLASS = 'SdkGameScore';
const TEAM = 'SdkTeam';

before(async () => {
  await ensureClass(CLASS);
  await ensureClass(TEAM);
  await signUpNewUser('objects');
});

async function newScore(fields = {}) {
  const score = new Parse.Object(CLASS);
  score.set({ playerName: unique('player'), score: 1337, cheatMode: false, ...fields });
  await score.save();
  return score;
}

test('save and get: the stored fields come back with id and dates', async () => {
  const when = new Date('2026-11-30T12:00:00.000Z');
  const score = await newScore({ when, skills: ['pwnage', 'flying'], stats: { level: 3 } });
  assert.match(score.id, /^[A-Za-z0-9]+$/);
  assert.ok(score.createdAt instanceof Date);

  const fetched = await new Parse.Query(CLASS).get(score.id);
  assert.equal(fetched.get('playerName'), score.get('playerName'));
  assert.equal(fetched.get('score'), 1337);
  assert.equal(fetched.get('cheatMode'), false);
  assert.equal(fetched.get('when').toISOString(), when.toISOString());
  assert.deepEqual(fetched.get('skills'), ['pwnage', 'flying']);
  assert.deepEqual(fetched.get('stats'), { level: 3 });
  assert.equal(fetched.createdAt.toISOString(), score.createdAt.toISOString());
});

test('update: set, increment, array operators and unset are stored', async () => {
  const score = await newScore({ skills: ['pwnage'] });
  score.set('cheatMode', true);
  score.increment('score', 3);
  score.addUnique('skills', 'flying');
  score.addUnique('skills', 'pwnage');
  await score.save();
  assert.equal(score.get('score'), 1340, 'the server returns the incremented value');
  assert.ok(score.updatedAt > score.createdAt);

  let stored = await new Parse.Query(CLASS).get(score.id);
  assert.equal(stored.get('cheatMode'), true);
  assert.equal(stored.get('score'), 1340);
  assert.deepEqual(stored.get('skills'), ['pwnage', 'flying']);

  stored.remove('skills', 'pwnage');
  stored.decrement('score');
  stored.unset('cheatMode');
  await stored.save();
  stored = await new Parse.Query(CLASS).get(score.id);
  assert.deepEqual(stored.get('skills'), ['flying']);
  assert.equal(stored.get('score'), 1339);
  assert.equal(stored.has('cheatMode'), false);
});

test('concurrent increments from two clients add up', async () => {
  const score = await newScore({ score: 0 });
  const a = Parse.Object.extend(CLASS).createWithoutData(score.id);
  const b = Parse.Object.extend(CLASS).createWithoutData(score.id);
  a.increment('score', 5);
  b.increment('score', 7);
  await Promise.all([a.save(), b.save()]);
  assert.equal((await new Parse.Query(CLASS).get(score.id)).get('score'), 12);
});

test('pointers: include fetches the pointed-to object', async () => {
  const team = new Parse.Object(TEAM);
  team.set('name', unique('team'));
  await team.save();
  const score = await newScore({ team });

  const plain = await new Parse.Query(CLASS).get(score.id);
  assert.equal(plain.get('team').id, team.id);
  assert.equal(plain.get('team').get('name'), undefined, 'without include the pointer is not fetched');
  const included = await new Parse.Query(CLASS).include('team').get(score.id);
  assert.equal(included.get('team').get('name'), team.get('name'));
  const byPointer = await new Parse.Query(CLASS).equalTo('team', team).find();
  assert.deepEqual(byPointer.map(s => s.id), [score.id]);
});

test('destroy: a deleted object is gone (101)', async () => {
  const score = await newScore();
  await score.destroy();
  const error = await rejectsWithCode(new Parse.Query(CLASS).get(score.id), Parse.Error.OBJECT_NOT_FOUND);
  assert.match(error.message, /object not found/i);
  await rejectsWithCode(score.fetch(), Parse.Error.OBJECT_NOT_FOUND);
});

test('a class that does not exist cannot be created by a client', async () => {
  const stray = new Parse.Object(unique('SdkNoSuchClass'));
  stray.set('x', 1);
  await rejectsWithCode(stray.save(), Parse.Error.OPERATION_FORBIDDEN);
});

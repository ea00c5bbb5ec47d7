// Files through the SDK (the guide's "Files"): a Parse.File saved from
// base64 gets a name and a URL, the URL serves the same bytes, and an object
// can point to the file.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { Parse, ensureClass, signUpNewUser, unique } from '../lib/parse.js';

const CLASS = 'SdkDocument';

before(async () => {
  await ensureClass(CLASS);
  await signUpNewUser('files');
});

test('a saved file has a URL that serves its content, and an object can hold it', async () => {
  const text = `hello from the SDK, ${unique('file')}\n`;
  const file = new Parse.File('hello.txt', { base64: Buffer.from(text).toString('base64') }, 'text/plain');
  await file.save();
  assert.match(file.name(), /hello\.txt$/, 'the server names the file after the given name');
  assert.ok(file.url(), 'the saved file has a URL');

  const response = await fetch(file.url());
  assert.equal(response.status, 200);
  assert.equal(await response.text(), text);

  const doc = new Parse.Object(CLASS);
  doc.set('attachment', file);
  await doc.save();
  const stored = await new Parse.Query(CLASS).get(doc.id);
  assert.ok(stored.get('attachment') instanceof Parse.File);
  assert.equal(stored.get('attachment').name(), file.name());
  assert.equal(stored.get('attachment').url(), file.url());
});

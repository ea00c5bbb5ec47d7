// The target under test, read from a profile file of the Rust runner
// (targets/<name>/target.toml; format in targets/README.md).
//
// The SDK talks to the instance of the capability `client-keys` (its `url`
// and `javascript_key`): the official JavaScript SDK sends the JavaScript
// key, which the main instance does not set. The main `master_key` serves
// `useMasterKey`, and `smtp_sink` is where the target sends its mail.
import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';

/** Reads the profile named by PARSE_CONFORMANCE_PROFILE (run.sh sets it). */
export function loadTarget(path = process.env.PARSE_CONFORMANCE_PROFILE) {
  if (!path) {
    throw new Error('PARSE_CONFORMANCE_PROFILE is not set: run the tests with run.sh <profile.toml>');
  }
  const profile = parse(readFileSync(path, 'utf8'));
  const need = (value, what) => {
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${path}: ${what} is missing`);
    }
    return value;
  };
  const keys = profile.capabilities?.['client-keys'];
  if (typeof keys !== 'object' || keys === null) {
    throw new Error(`${path}: the capability client-keys (url, javascript_key) is missing`);
  }
  const sink = need(profile.smtp_sink, 'smtp_sink');
  const colon = sink.lastIndexOf(':');
  const port = Number(sink.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(port)) {
    throw new Error(`${path}: smtp_sink must be host:port, not ${sink}`);
  }
  return {
    name: need(profile.name, 'name'),
    url: need(keys.url, 'capabilities.client-keys.url'),
    appId: need(profile.app_id, 'app_id'),
    javascriptKey: need(keys.javascript_key, 'capabilities.client-keys.javascript_key'),
    masterKey: need(profile.master_key, 'master_key'),
    smtpSink: { host: sink.slice(0, colon), port },
  };
}

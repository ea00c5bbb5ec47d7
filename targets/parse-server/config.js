// Parse Server configuration for the parse-conformance suite.
// Loaded by the CLI: `parse-server config.js`. Every value can be changed
// through the environment; the defaults match target.toml.
const path = require('path');
const packageRequire = require('./package-require');

const env = (name, fallback) => process.env[name] ?? fallback;
const port = Number(env('PARSE_CONFORMANCE_PORT', 1337));
const serverURL = `http://127.0.0.1:${port}/parse`;
// PARSE_CONFORMANCE_ALLOW_ORIGIN: comma-separated origins (see allowOrigin).
const allowedOrigins = env('PARSE_CONFORMANCE_ALLOW_ORIGIN', '')
  .split(',')
  .map((origin) => origin.trim())
  .filter((origin) => origin !== '');

// requestComplexity: Parse Server 9.10 turns every limit off by default (-1,
// lib/Options/Definitions.js RequestComplexityOptions) and announces these
// values as the defaults of its next major (lib/Deprecator/Deprecations.js).
// The suite's instances set them, declared to the suite as the capability
// request-complexity (features/rest/request-complexity.feature); the
// reference server's embedded runner and targets/parse-mock-server set the
// same. Only the limits the installed version knows are passed (Parse
// Server 8 has no batchRequestLimit and refuses unknown ones).
const complexityLimits = {
  includeDepth: 10,
  includeCount: 100,
  subqueryDepth: 10,
  queryDepth: 10,
  batchRequestLimit: 100,
};
const knownComplexityLimits = Object.keys(
  packageRequire('parse-server/lib/Options/Definitions').RequestComplexityOptions || {}
);
const requestComplexity = Object.fromEntries(
  Object.entries(complexityLimits).filter(([name]) => knownComplexityLimits.includes(name))
);

module.exports = {
  appId: env('PARSE_CONFORMANCE_APP_ID', 'parse-conformance'),
  masterKey: env('PARSE_CONFORMANCE_MASTER_KEY', 'parse-conformance-master-key'),
  // Client keys (X-Parse-REST-API-Key, X-Parse-Javascript-Key,
  // X-Parse-Client-Key, X-Parse-Windows-Key): once one is set, every request
  // without the master key must carry one of them. The main instances set the
  // REST API key only; start.sh starts one instance (port + 4) with all four,
  // each its own value (capability client-keys, the JS SDK's target), and one
  // (port + 5) with none (capability no-client-keys). An empty value leaves
  // the option unset.
  restAPIKey: env('PARSE_CONFORMANCE_REST_API_KEY', 'parse-conformance-rest-key') || undefined,
  javascriptKey: env('PARSE_CONFORMANCE_JAVASCRIPT_KEY', '') || undefined,
  clientKey: env('PARSE_CONFORMANCE_CLIENT_KEY', '') || undefined,
  dotNetKey: env('PARSE_CONFORMANCE_DOT_NET_KEY', '') || undefined,
  // CORS: Access-Control-Allow-Origin. Unset (Parse Server's default `*`)
  // on every instance but the one start.sh starts on port + 6 (capability
  // cors-allow-list), which allows a list of origins, given here as
  // comma-separated text: an origin in the list is echoed, any other gets
  // the list's first entry.
  // (Left out when unset: the CLI's parser refuses an undefined list.)
  ...(allowedOrigins.length ? { allowOrigin: allowedOrigins } : {}),
  appName: 'parse-conformance',
  databaseURI: env(
    'PARSE_CONFORMANCE_DATABASE_URI',
    'postgres://parse_conformance:parse_conformance@127.0.0.1:5432/parse_conformance'
  ),
  host: '127.0.0.1',
  port,
  mountPath: '/parse',
  serverURL,
  publicServerURL: serverURL,
  verifyServerUrl: false,
  // Email verification and password reset, through real SMTP to the suite's sink.
  // start.sh starts three instances of the app on one database: the main one
  // (verifying emails), one on port + 1 that also reserves login for verified
  // emails (the option changes every sign-up, so the main one keeps Parse
  // Server's default), and one on port + 2 that does not verify emails.
  verifyUserEmails: env('PARSE_CONFORMANCE_VERIFY_USER_EMAILS', '1') === '1',
  preventLoginWithUnverifiedEmail: env('PARSE_CONFORMANCE_PREVENT_LOGIN_UNVERIFIED', '') === '1',
  emailAdapter: {
    module: path.join(__dirname, 'smtp-email-adapter.js'),
    options: {
      host: env('PARSE_CONFORMANCE_SMTP_HOST', '127.0.0.1'),
      port: Number(env('PARSE_CONFORMANCE_SMTP_PORT', 2525)),
      fromAddress: 'parse-conformance@localhost',
    },
  },
  // Sessions live one year (Parse Server's default), except on the instance
  // start.sh starts on port + 3 with PARSE_CONFORMANCE_SESSION_LENGTH=3, whose
  // sessions expire after 3 seconds (capability session-length).
  sessionLength: Number(env('PARSE_CONFORMANCE_SESSION_LENGTH', 31536000)),
  // Lock an account after 3 failed logins, for 12 seconds (duration is in
  // minutes; PARSE_CONFORMANCE_LOCKOUT_MINUTES changes it, and the profile's
  // lockout capability must say the same). Not 3 seconds: on a loaded
  // machine a login took up to 4 seconds, so a 3-second lock expired before
  // a scenario's next login (lockout.* failed at random on 2026-11-30).
  accountLockout: {
    threshold: 3,
    duration: Number(env('PARSE_CONFORMANCE_LOCKOUT_MINUTES', 0.2)),
    unlockOnPasswordReset: true,
  },
  // Files: on PostgreSQL there is no GridFS, so files go to the local file
  // system (@parse/fs-files-adapter, pinned by package-lock.json), under
  // files/ in this folder (the adapter's path is relative to the working
  // directory, which start.sh sets; start.sh empties it at each start).
  filesAdapter: { module: '@parse/fs-files-adapter' },
  // The upload limit of the Parse REST guide (10 megabytes; Parse Server's
  // default is 20mb), declared to the suite as the capability max-upload-size.
  maxUploadSize: '10mb',
  requestComplexity,
  // Test auth adapters: never call the internet; the token "invalid-token" is refused.
  auth: {
    facebook: { module: path.join(__dirname, 'auth', 'fake-facebook.js') },
    twitter: { module: path.join(__dirname, 'auth', 'fake-twitter.js') },
    anonymous: { enabled: true },
  },
};

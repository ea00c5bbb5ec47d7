// Loads a package from the node_modules of the Parse Server being run: the
// package folder start.sh names in PARSE_CONFORMANCE_PACKAGE_DIR (this folder
// for 9.10.0, ../parse-server-8 for 8.x), so that the email adapter and the
// auth adapters here use the versions that folder's package-lock.json pins,
// never another harness's.
const path = require('path');

module.exports = function packageRequire(name) {
  const packageDir = process.env.PARSE_CONFORMANCE_PACKAGE_DIR || __dirname;
  return require(require.resolve(name, { paths: [path.resolve(packageDir)] }));
};

// A test auth adapter that never calls the internet: it accepts any authData
// whose token is not the agreed invalid one, "invalid-token", and refuses that
// one the way the real adapters refuse a bad token (code 101).
const Parse = require('../package-require')('parse/node').Parse;

const INVALID_TOKEN = 'invalid-token';

module.exports = function fakeProvider(name, tokenField) {
  const check = authData => {
    if (!authData || typeof authData.id !== 'string' || authData[tokenField] === INVALID_TOKEN) {
      return Promise.reject(new Parse.Error(Parse.Error.OBJECT_NOT_FOUND, `${name} auth is invalid for this user.`));
    }
    return Promise.resolve();
  };
  // Parse Server 9's built-in twitter adapter also brings the newer
  // validateSetUp / validateLogin / validateUpdate hooks (which ask for an
  // OAuth "code"); the fake replaces every one of them with the same check.
  return {
    // Parse Server copies these hooks onto a fresh instance of its built-in
    // adapter and calls validateOptions on that instance. The built-in
    // twitter adapter also has a beforeFind hook (not one of the hooks a
    // module can replace) that demands an OAuth "code": remove it here.
    validateOptions() {
      if (this && typeof this.beforeFind === 'function') {
        this.beforeFind = undefined;
      }
    },
    validateAppId: () => Promise.resolve(),
    validateAuthData: check,
    validateSetUp: check,
    validateLogin: check,
    validateUpdate: check,
  };
};

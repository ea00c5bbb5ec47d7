module.exports = require('./fake')('Facebook', 'access_token');

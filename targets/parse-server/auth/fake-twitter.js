module.exports = require('./fake')('Twitter', 'auth_token');

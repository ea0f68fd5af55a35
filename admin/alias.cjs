/* global __dirname */
// The admin's `@shared/*` alias for dependency-cruiser (webpack's resolve.alias shape), so
// `npm run check:layers` follows the admin's imports into src/shared like the bundler does.
const path = require('node:path');

module.exports = {
  resolve: { alias: { '@shared': path.resolve(__dirname, '../src/shared') } },
};

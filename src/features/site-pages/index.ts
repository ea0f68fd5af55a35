export { createStandardPages, standardPageSlugs } from './standard-pages.js';

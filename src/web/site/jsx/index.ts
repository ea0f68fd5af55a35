export { h, Fragment, Html, raw, escapeHtml, documentHtml } from './jsx.js';
export type { Child, Component } from './jsx.js';

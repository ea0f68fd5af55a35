/**
 * The page-view beacon, part of the site's one script (site-js.ts), so cached pages count too
 * (the browser counts, not the server). A few hundred bytes, no cookie, no identifier:
 * - sends `{path, referrer}` to `/api/hit` with navigator.sendBeacon (text/plain: no preflight,
 *   allowed by `connect-src 'self'`); not on previews;
 * - Global Privacy Control or Do Not Track: the view is sent marked `dnt` (no visitor hash on
 *   the server) and no story is remembered;
 * - otherwise remembers the last story read in sessionStorage (this tab only, gone when it
 *   closes) and copies it into every hidden `fromStory` field (the sign-in/join form, the paid
 *   membership forms), so a sign-up or a paid membership is attributed to the story the reader
 *   came from.
 */
export const beaconJs = `(function(){try{
var d=document,n=navigator,w=window,l=location,k='masthead:from-story',s;
var p=n.globalPrivacyControl===true||n.doNotTrack==='1'||w.doNotTrack==='1';
if(!d.querySelector('.preview-notice')&&n.sendBeacon){var b={path:l.pathname+l.search};if(d.referrer)b.referrer=d.referrer;if(p)b.dnt=true;n.sendBeacon('/api/hit',JSON.stringify(b))}
if(p)return;try{s=w.sessionStorage}catch(e){}if(!s)return;
function fill(){if(d.querySelector('article.story:not(.story-page)'))s.setItem(k,l.pathname);var f=s.getItem(k);
if(f)d.querySelectorAll('input[data-from-story]').forEach(function(i){i.value=f})}
d.readyState==='loading'?d.addEventListener('DOMContentLoaded',fill):fill()
}catch(e){}})();
`;

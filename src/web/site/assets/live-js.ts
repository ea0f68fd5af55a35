/**
 * Live pages' part of the reader script (served with site-js.ts as one cached file): progressive
 * enhancement of `<div data-live-stream="/<slug>/live">`, which holds the no-JS path, a plain
 * "Reload for new updates" link.
 *
 * With EventSource, the link is hidden and the page follows the stream. New updates are not
 * pushed in under the reader's eyes: they wait behind a polite "1 new update" / "N new updates"
 * button (an `aria-live="polite"` region, kept in view by CSS) that inserts them at the top of
 * the list when pressed and moves focus to the newest. Changed and removed updates are replaced
 * in place (or in the waiting set); `ended` closes the stream and shows the event's notice.
 * Waiting updates go in by their `publishedAt`: two processes may publish in another order.
 *
 * Markup it relies on: each update's element has `id="update-<id>"` (its permalink anchor) and
 * the list of updates carries `data-live-updates` (or the selector in `data-live-list`). Every
 * event's data is JSON with `id` and `html` (the update's element as the page renders it).
 * If the stream is refused (the server's cap) or fails for good, the reload link comes back.
 */
export const liveJs = `(function(){
var d=document,w=window;if(!w.EventSource||!w.JSON)return;
function ready(f){d.readyState==='loading'?d.addEventListener('DOMContentLoaded',f):f()}
ready(function(){
  var el=d.querySelector('[data-live-stream]');if(!el)return;
  var list=d.querySelector(el.getAttribute('data-live-list')||'[data-live-updates]');if(!list)return;
  var links=el.querySelectorAll('a'),pending=[],es;
  function show(v){for(var i=0;i<links.length;i++)links[i].hidden=!v}
  var region=d.createElement('div');region.className='live-bar';region.setAttribute('aria-live','polite');
  var btn=d.createElement('button');btn.type='button';btn.hidden=true;region.appendChild(btn);el.appendChild(region);
  function frag(html){var t=d.createElement('template');t.innerHTML=html;return t.content.firstElementChild}
  function bar(){var n=pending.length;btn.hidden=n===0;btn.textContent=n===1?'1 new update':n+' new updates';el.setAttribute('data-live-pending',String(n))}
  function at(id){for(var i=0;i<pending.length;i++)if(pending[i].id===id)return i;return -1}
  function parse(e){try{var m=JSON.parse(e.data);return m&&typeof m.id==='string'?m:null}catch(x){return null}}
  function replace(m){var old=d.getElementById('update-'+m.id),i=at(m.id);
    if(i>=0){pending[i]=m;return true}
    if(old&&m.html){var n=frag(m.html);if(n)old.parentNode.replaceChild(n,old);return true}return !!old}
  btn.addEventListener('click',function(){var first=null;pending.sort(function(a,b){return (a.publishedAt||'')<(b.publishedAt||'')?-1:1});
    for(var i=0;i<pending.length;i++){var n=frag(pending[i].html);if(!n)continue;list.insertBefore(n,list.firstChild);first=n}
    pending=[];bar();
    if(first){first.setAttribute('tabindex','-1');first.focus&&first.focus();first.scrollIntoView&&first.scrollIntoView({block:'start'})}});
  es=new EventSource(el.getAttribute('data-live-stream'));
  show(false);el.setAttribute('data-live-state','open');
  es.addEventListener('update',function(e){var m=parse(e);if(!m||replace(m))return;pending.push(m);bar()});
  es.addEventListener('update-changed',function(e){var m=parse(e);if(m)replace(m)});
  es.addEventListener('update-deleted',function(e){var m=parse(e);if(!m)return;var i=at(m.id);
    if(i>=0){pending.splice(i,1);bar();return}
    var old=d.getElementById('update-'+m.id);if(!old)return;
    if(m.html){var n=frag(m.html);if(n){old.parentNode.replaceChild(n,old);return}}old.parentNode.removeChild(old)});
  es.addEventListener('ended',function(e){var m=parse(e);es.close();el.setAttribute('data-live-state','ended');
    if(m&&m.html){var n=frag(m.html);if(n)el.insertBefore(n,el.firstChild)}});
  es.addEventListener('error',function(){if(es.readyState===2){el.setAttribute('data-live-state','closed');show(true)}});
});
})();
`;

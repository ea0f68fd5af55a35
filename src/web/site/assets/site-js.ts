import { beaconJs } from './beacon-js.js';

/**
 * The reader site's only script: progressive enhancement, nothing needed to read. Loaded in
 * <head> (cached forever) so a dismissed banner is hidden before first paint.
 * - banner dismiss: remembered in localStorage per drive, no account needed;
 * - Show More: fetches the next page of a list and appends its items in place; on the News Feed
 *   it also writes `?through=<cursor>` into the address, so Back (or a reload) renders every
 *   loaded item again and the browser restores the scroll position;
 * - News Feed day headings: the server renders absolute dates; today's and yesterday's (in the
 *   newsroom's zone) are relabelled here, so cached pages never go stale at midnight;
 * - share: the system share sheet where there is one, else copy the link;
 * - the page-view beacon (beacon-js.ts), appended.
 */
export const siteJs = `(function(){
var d=document,de=d.documentElement,ls;try{ls=window.localStorage}catch(e){}
var dk='masthead:dismissed-drive';
if(ls&&ls.getItem(dk))de.setAttribute('data-dismissed-drive',ls.getItem(dk));
function ready(f){d.readyState==='loading'?d.addEventListener('DOMContentLoaded',f):f()}
function dayIn(tz,t){var p={};new Intl.DateTimeFormat('en-US',{timeZone:tz,year:'numeric',month:'2-digit',day:'2-digit'}).formatToParts(t).forEach(function(x){p[x.type]=x.value});return p.year+'-'+p.month+'-'+p.day}
function relDay(n){var w=n===0?'Today':'Yesterday';try{w=new Intl.RelativeTimeFormat(de.lang||'en',{numeric:'auto'}).format(-n,'day');w=w.charAt(0).toUpperCase()+w.slice(1)}catch(e){}return w}
function labelDays(){d.querySelectorAll('ol.feed-list[data-timezone]').forEach(function(l){
  var today,yest;try{today=dayIn(l.getAttribute('data-timezone'),new Date())}catch(e){return}
  var q=today.split('-');yest=new Date(Date.UTC(+q[0],q[1]-1,q[2]-1)).toISOString().slice(0,10);
  l.querySelectorAll('.feed-day time[datetime]').forEach(function(t){var v=t.getAttribute('datetime'),n=v===today?0:v===yest?1:-1;
    if(!t.hasAttribute('data-date'))t.setAttribute('data-date',t.textContent);
    if(n<0){t.textContent=t.getAttribute('data-date');t.removeAttribute('data-relative');return}
    t.textContent=relDay(n);t.setAttribute('data-relative',n===0?'today':'yesterday');t.title=t.getAttribute('data-date')})})}
ready(function(){
  labelDays();
  var b=d.querySelector('.drive-banner');
  if(b){var id=b.getAttribute('data-drive');if(ls&&ls.getItem(dk)===id){b.hidden=true}
    var x=b.querySelector('.drive-dismiss');if(x){x.hidden=false;x.addEventListener('click',function(){b.hidden=true;if(ls)ls.setItem(dk,id)})}}
  d.addEventListener('click',function(e){
    var a=e.target&&e.target.closest&&e.target.closest('a.show-more');
    if(!a||!window.fetch||!window.DOMParser)return;
    var list=d.querySelector(a.getAttribute('data-list')||'.feed-list');if(!list)return;
    e.preventDefault();a.setAttribute('aria-busy','true');
    fetch(a.href,{headers:{accept:'text/html'}}).then(function(r){return r.text()}).then(function(t){
      var doc=new DOMParser().parseFromString(t,'text/html'),sel=a.getAttribute('data-list')||'.feed-list',more=doc.querySelector(sel),next=doc.querySelector('a.show-more');
      if(more){var seen={};list.querySelectorAll('[data-id]').forEach(function(n){seen[n.getAttribute('data-id')]=1});
        Array.prototype.forEach.call(more.children,function(c){var day=c.getAttribute('data-day');
          if(day?!list.querySelector('[data-day="'+day+'"]'):!seen[c.getAttribute('data-id')])list.appendChild(d.importNode(c,true))})}
      if(a.hasAttribute('data-keep-in-url')&&history.replaceState){try{var u=new URL(a.href),c=u.searchParams.get('before');
        if(c){var here=new URL(location.href);here.searchParams.delete('before');here.searchParams.set('through',c);history.replaceState(history.state,'',here.pathname+here.search+here.hash)}}catch(e){}}
      if(next){a.href=next.href}else{a.remove()}
      labelDays();
      a.removeAttribute('aria-busy');
    }).catch(function(){window.location.href=a.href});
  });
  d.querySelectorAll('button.share').forEach(function(s){s.hidden=false;s.addEventListener('click',function(){
    var u=s.getAttribute('data-url')||location.href,t=s.getAttribute('data-title')||d.title;
    if(navigator.share){navigator.share({title:t,url:u}).catch(function(){})}
    else if(navigator.clipboard){navigator.clipboard.writeText(u).then(function(){s.textContent='Link copied'})}
  })});
});
})();
${beaconJs}`;

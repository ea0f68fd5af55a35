/**
 * The reader site's only script: progressive enhancement, nothing needed to read. Loaded in
 * <head> (cached forever) so a dismissed banner is hidden before first paint.
 * - banner dismiss: remembered in localStorage per drive, no account needed;
 * - Show More: fetches the next page of a list and appends its items in place;
 * - share: the system share sheet where there is one, else copy the link.
 */
export const siteJs = `(function(){
var d=document,de=d.documentElement,ls;try{ls=window.localStorage}catch(e){}
var dk='masthead:dismissed-drive';
if(ls&&ls.getItem(dk))de.setAttribute('data-dismissed-drive',ls.getItem(dk));
function ready(f){d.readyState==='loading'?d.addEventListener('DOMContentLoaded',f):f()}
ready(function(){
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
        Array.prototype.forEach.call(more.children,function(c){if(!seen[c.getAttribute('data-id')])list.appendChild(d.importNode(c,true))})}
      if(next){a.href=next.href}else{a.remove()}
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
`;

/**
 * The reader site's stylesheet. System fonts only (no third-party requests), hierarchy by size
 * and weight, one accent colour from settings (set as --accent in the page), light and dark by
 * prefers-color-scheme, print styles for stories. Served as an immutable, hashed file.
 */
export const siteCss = `
:root{--accent:#b3261e;--text:#1b1a19;--muted:#5a5652;--bg:#fff;--rule:#e3dfd9;--surface:#f5f2ee;--serif:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif;--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--text:#ecebe8;--muted:#b7b2ab;--bg:#151413;--rule:#37332f;--surface:#1f1d1b}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:var(--sans);font-size:1rem;line-height:1.5;color:var(--text);background:var(--bg)}
a{color:inherit;text-underline-offset:.15em}
a:hover{color:var(--accent-text,var(--accent))}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
img{max-width:100%;height:auto;display:block}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip-link{position:absolute;left:-9999px;top:0}
.skip-link:focus{left:1rem;top:1rem;background:var(--bg);color:var(--text);padding:.5rem 1rem;z-index:100}
.preview-notice{margin:0 0 1rem;padding:.6rem .9rem;border-left:4px solid var(--accent);background:var(--surface);font-weight:600}
.wrap{max-width:1200px;margin:0 auto;padding:0 1rem}
.button{display:inline-block;background:var(--accent);color:#fff;padding:.55rem 1rem;border-radius:4px;text-decoration:none;font-weight:700;border:2px solid var(--accent);line-height:1.2}
.button:hover{color:#fff;filter:brightness(1.08)}
.button-secondary{background:transparent;color:var(--text);border-color:currentColor}
.button-secondary:hover{color:var(--accent-text,var(--accent))}
/* Membership-drive banner */
.drive-banner{background:var(--surface);border-bottom:1px solid var(--rule);font-size:.95rem}
.drive-banner .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;padding-block:.75rem;position:relative;padding-right:3rem}
.drive-count{font-weight:700;font-variant-numeric:tabular-nums;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;margin:0}.drive-progress{display:block;width:12rem;max-width:100%;height:.5rem;overflow:visible}.drive-progress-track{fill:var(--rule)}.drive-progress-value{fill:var(--accent-text,var(--accent))}
@media (prefers-color-scheme:dark){.drive-progress-track{fill:#57514b}}
.drive-text{margin:0;flex:1 1 20rem}
.drive-actions{display:flex;gap:.5rem;flex-wrap:wrap}
.drive-dismiss{position:absolute;right:1rem;top:.6rem;background:none;border:0;font-size:1.5rem;line-height:1;cursor:pointer;color:var(--muted);padding:.25rem .5rem}
.drive-banner[hidden]{display:none}
/* Masthead bar */
.site-header{border-bottom:1px solid var(--rule)}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.75rem 1.25rem;padding-block:.75rem}
.site-name{font-family:var(--serif);font-size:1.75rem;font-weight:700;text-decoration:none;margin-right:auto;letter-spacing:-.01em}
.site-name img{max-height:2.5rem;width:auto}
.site-nav{order:3;width:100%;overflow-x:auto;border-top:1px solid var(--rule);padding-top:.5rem}
.site-nav ul{display:flex;gap:.25rem 1.25rem;list-style:none;margin:0;padding:.25rem 0;white-space:nowrap}
.site-nav a{text-decoration:none;font-weight:600}
.site-nav a[aria-current=page]{color:var(--accent-text,var(--accent))}
.header-search{display:flex;gap:.25rem}
.header-search input{width:9rem;padding:.4rem .5rem;border:1px solid var(--rule);border-radius:4px;background:var(--bg);color:var(--text);font:inherit}
.header-search button,.search-form button{padding:.4rem .75rem;border:1px solid var(--rule);border-radius:4px;background:var(--surface);color:var(--text);font:inherit;cursor:pointer}
.header-links{display:flex;gap:.75rem;align-items:center}
main{padding-block:2rem 3rem;min-height:50vh}
/* Cards and lists */
.kicker{display:inline-block;color:var(--accent-text,var(--accent));font-weight:700;font-size:.78rem;text-transform:uppercase;letter-spacing:.05em;text-decoration:none;margin-bottom:.25rem}
.breaking{display:inline-block;background:var(--accent);color:#fff;font-weight:700;font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;padding:.1rem .4rem;border-radius:2px;margin-right:.4rem}
.gate-label{display:inline-block;border:1px solid currentColor;color:var(--muted);font-family:var(--sans);font-weight:700;font-size:.7rem;line-height:1.4;text-transform:uppercase;letter-spacing:.05em;padding:0 .35rem;border-radius:2px;margin-right:.4rem;vertical-align:.2em}
.card{display:flex;flex-direction:column;gap:.35rem}
.card h3,.card h2{font-family:var(--serif);line-height:1.2;margin:0}
.card h3{font-size:1.2rem}
.card a{text-decoration:none}
.card .dek{color:var(--muted);margin:0}
.card figure{margin:0 0 .5rem}
.meta{color:var(--muted);font-size:.85rem}
.home-top{display:grid;gap:2rem}
.home-top .top-stories{margin-top:0}
@media (min-width:960px){.home-top{grid-template-columns:minmax(0,2.2fr) minmax(16rem,1fr);grid-template-rows:auto 1fr;column-gap:2rem;row-gap:0}.home-lead{grid-column:1;grid-row:1}.home-top .news-feed-column{grid-column:2;grid-row:1 / span 2}.home-top .top-stories{grid-column:1;grid-row:2;align-self:start;margin-top:2rem}}
.lead h2{font-size:clamp(1.8rem,3.5vw,2.6rem);line-height:1.1}
.lead .dek{font-size:1.15rem}
.top-stories{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));margin-top:2rem}
.news-feed-column{border-top:3px solid var(--text);padding-top:.5rem}
@media (min-width:960px){.news-feed-column{border-top:0;border-left:1px solid var(--rule);padding:0 0 0 1.5rem}}
.section-heading{font-size:.95rem;text-transform:uppercase;letter-spacing:.06em;margin:0 0 .75rem;font-family:var(--sans)}
.section-heading a{text-decoration:none}
.feed-list{list-style:none;margin:0;padding:0}
.feed-day{padding:1rem 0 .25rem;border-bottom:1px solid var(--rule)}
.feed-day:first-child{padding-top:.25rem}
.feed-day-heading{font-family:var(--sans);font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;margin:0;color:var(--muted)}
.feed-item{padding:.7rem 0;border-bottom:1px solid var(--rule);display:grid;grid-template-columns:4.5rem 1fr;gap:.75rem}
.feed-item time{color:var(--muted);font-size:.85rem;font-variant-numeric:tabular-nums;padding-top:.1rem}
.feed-item a{text-decoration:none;font-weight:600}
.feed-item .feed-summary{grid-column:2;margin:.2rem 0 0;color:var(--muted);font-size:.95rem}
.feed-item .feed-context{margin:.15rem 0 0;color:var(--muted);font-size:.85rem}
/* The home page's "Most read": big numbers by weight and size, the News Feed's rules */
.most-read{margin-top:2rem;border-top:3px solid var(--text);padding-top:.5rem}
.most-read-list{list-style:none;margin:0;padding:0;counter-reset:most-read}
.most-read-list li{counter-increment:most-read;display:grid;grid-template-columns:2rem 1fr;gap:.6rem;align-items:baseline;padding:.6rem 0;border-bottom:1px solid var(--rule)}
.most-read-list li::before{content:counter(most-read);font-family:var(--serif);font-size:1.7rem;font-weight:700;line-height:1;color:var(--muted);font-variant-numeric:tabular-nums}
.most-read-list a{text-decoration:none;font-weight:600}
.show-more{display:inline-block;margin-top:1rem;font-weight:700}
.section-blocks{display:grid;gap:2.5rem;margin-top:3rem;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr))}
.section-block{border-top:3px solid var(--text);padding-top:.5rem}
.section-block ul{list-style:none;margin:.75rem 0 0;padding:0}
.section-block li{padding:.5rem 0;border-top:1px solid var(--rule)}
.section-block li a{text-decoration:none;font-weight:600;font-family:var(--serif)}
.story-list{list-style:none;margin:0;padding:0;display:grid;gap:1.5rem}
.story-list .card{display:grid;grid-template-columns:minmax(0,1fr);gap:.4rem}
@media (min-width:700px){.story-list .card.has-image{grid-template-columns:12rem minmax(0,1fr);column-gap:1.25rem}.story-list .card.has-image figure{grid-row:span 4}}
.page-header{margin-bottom:2rem;border-bottom:1px solid var(--rule);padding-bottom:1rem}
.page-header h1{font-family:var(--serif);font-size:clamp(1.8rem,4vw,2.6rem);line-height:1.15;margin:0 0 .5rem}
.pagination{margin-top:2rem}
/* Story */
.story{max-width:44rem;margin:0 auto}
.story-header h1{font-family:var(--serif);font-size:clamp(2rem,5vw,3rem);line-height:1.1;margin:.25rem 0 .75rem;letter-spacing:-.01em}
.story-dek{font-size:1.25rem;line-height:1.45;color:var(--muted);margin:0 0 1rem}
.byline{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;font-size:.95rem;border-top:1px solid var(--rule);border-bottom:1px solid var(--rule);padding:.6rem 0;margin-bottom:1.5rem}
.byline .authors a{font-weight:700}
.byline .role{color:var(--muted)}
.lead-figure{margin:0 0 1.5rem}
.lead-figure img,.story-body figure img{width:100%}
figcaption{font-size:.9rem;color:var(--muted);margin-top:.5rem;line-height:1.4}
.credit{font-size:.8rem;opacity:.85}
.story-body{font-family:var(--serif);font-size:1.175rem;line-height:1.65}
@media (min-width:700px){.story-body{font-size:1.25rem}}
.story-body p{margin:0 0 1.2em}
.story-body h2,.story-body h3,.story-body h4{font-family:var(--sans);line-height:1.25;margin:1.8em 0 .6em}
.story-body figure{margin:2rem 0}
.story-body blockquote{margin:1.5rem 0;padding-left:1rem;border-left:3px solid var(--rule);color:var(--muted)}
.story-body .pull-quote{margin:2rem 0;padding:1rem 0;border-top:3px solid var(--accent);border-bottom:1px solid var(--rule)}
.story-body .pull-quote blockquote{border:0;padding:0;margin:0;font-size:1.5rem;line-height:1.3;color:var(--text);font-weight:700}
.story-body .related-card,.story-body .fact-box{font-family:var(--sans);font-size:1rem;background:var(--surface);padding:1rem 1.25rem;margin:2rem 0;border-left:4px solid var(--accent)}
.story-body .related-card a{font-weight:700;text-decoration:none}
.story-body iframe{width:100%;aspect-ratio:16/9;border:0}
.story-body pre,.story-body code{font-size:.9em}
.story-body hr{border:0;border-top:1px solid var(--rule);margin:2rem auto;width:30%}
.gallery{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr))}
.corrections{font-size:.95rem;background:var(--surface);padding:1rem 1.25rem;margin:2rem 0}
.corrections h2{font-size:1rem;margin:0 0 .5rem}
.corrections ol{margin:0;padding-left:1.25rem}
.corrections-list{list-style:none;margin:0;padding:0;max-width:44rem}
.correction-entry{padding:1rem 0;border-bottom:1px solid var(--rule)}
.correction-entry .meta{margin:0}
.correction-story{font-family:var(--serif);font-size:1.2rem;line-height:1.25;margin:.25rem 0 .4rem}
.correction-story a{text-decoration:none}
.correction-text{margin:0}
.story-tags{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:2rem 0}
.story-tags a{display:inline-block;border:1px solid var(--rule);border-radius:999px;padding:.2rem .75rem;text-decoration:none;font-size:.9rem}
.author-cards{display:grid;gap:1rem;margin:2rem 0}
.author-card{display:grid;grid-template-columns:4.5rem 1fr;gap:1rem;align-items:start;border-top:1px solid var(--rule);padding-top:1rem}
.author-card img,.avatar{border-radius:50%;width:4.5rem;height:4.5rem;object-fit:cover}
.avatar-initials{display:grid;place-items:center;background:var(--surface);color:var(--muted);font:600 1.3rem var(--sans);letter-spacing:.04em}
.author-card h2{font-size:1.05rem;margin:0}
.author-card p{margin:.25rem 0}
.cta{background:var(--surface);border-top:3px solid var(--accent);padding:1.5rem;margin:2.5rem 0}
.cta h2{font-family:var(--serif);margin:0 0 .5rem}
.related{max-width:72rem;margin:3rem auto 0}
.related .top-stories{margin-top:0}
.share{display:flex;gap:.5rem;margin:1rem 0}
.share button{font:inherit;padding:.3rem .75rem;border:1px solid var(--rule);background:var(--bg);color:var(--text);border-radius:4px;cursor:pointer}
/* Live pages: the "N new updates" button stays in view while the reader is further down (live-js.ts) */
.live-bar{position:sticky;top:.5rem;z-index:10;text-align:center;margin:.5rem 0}
.live-bar button{font:inherit;font-weight:700;padding:.45rem 1rem;border:0;border-radius:999px;background:var(--accent);color:#fff;cursor:pointer;box-shadow:0 2px 6px rgba(0,0,0,.25)}
.paywall{background:var(--surface);padding:1.5rem;margin:2rem 0;text-align:center;font-family:var(--sans)}
/* Search */
.search-form{display:flex;gap:.5rem;margin:1rem 0 2rem}
.search-form input{flex:1;padding:.6rem .75rem;font:inherit;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--text)}
.search-sort{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;margin-top:.5rem}
.search-sort a[aria-current=page]{font-weight:700;color:var(--accent-text,var(--accent));text-decoration:none}
.search-results mark{background:#ffe27a;color:#1b1a19}
@media (prefers-color-scheme:dark){.search-sort{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline;margin-top:.5rem}
.search-sort a[aria-current=page]{font-weight:700;color:var(--accent-text,var(--accent));text-decoration:none}
.search-results mark{background:#5c4a00;color:#f5f3ef}}
/* Reader forms (sign-in, account, join, gift): one field style, problems under their field */
.member-page{max-width:40rem;margin:0 auto}
.membership-page{max-width:60rem;margin:0 auto}
.member-page h1,.membership-page h1{font-family:var(--serif);font-size:clamp(1.8rem,4vw,2.4rem);line-height:1.15;margin:0 0 1rem}
.member-page section,.membership-page section{border-top:1px solid var(--rule);margin-top:2rem;padding-top:1rem}
.member-page h2,.membership-page h2{font-size:1.15rem;margin:0 0 .75rem}
.member-form{display:grid;gap:1rem;margin:1rem 0;max-width:28rem;justify-items:start}
.form-field{display:grid;gap:.3rem;width:100%}
.form-field label{font-weight:700}
.form-hint{margin:0;color:var(--muted);font-size:.9rem}
.form-field input,.form-field select,.form-field textarea{width:100%;font:inherit;padding:.6rem .75rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--text)}
.form-field textarea{min-height:6rem;resize:vertical}
.form-field input:focus-visible,.form-field select:focus-visible,.form-field textarea:focus-visible{outline:3px solid var(--accent);outline-offset:1px}
.form-field.has-problem input,.form-field.has-problem select,.form-field.has-problem textarea{border:2px solid #b3261e}
.form-problem{margin:0;color:#b3261e;font-weight:600}
.form-field .form-problem::before{content:"⚠ " / ""}
@media (prefers-color-scheme:dark){.form-problem{color:#ffb4ab}.form-field.has-problem input,.form-field.has-problem select,.form-field.has-problem textarea{border-color:#ffb4ab}}
.form-notice{margin:1rem 0;padding:.6rem .9rem;border-left:4px solid var(--accent);background:var(--surface);font-weight:600}
.member-form .button{cursor:pointer;font:inherit;font-weight:700}
.newsletter-choices{border:0;padding:0;margin:0;display:grid;gap:.75rem;width:100%}
.newsletter-choices legend{font-weight:700;margin-bottom:.5rem}
.newsletter-choice{display:grid;grid-template-columns:auto 1fr;gap:.1rem .6rem;align-items:baseline}
.newsletter-choice input{width:1.15rem;height:1.15rem;accent-color:var(--accent)}
.newsletter-cadence{color:var(--muted);font-weight:400}
.newsletter-about{grid-column:2;margin:0;color:var(--muted);font-size:.92rem}
.newsletter-choice.is-unavailable label{color:var(--muted)}
.newsletter-signup{margin:2rem 0;padding:1.25rem;border:1px solid var(--rule);border-top:4px solid var(--accent);border-radius:4px;font-family:var(--sans);background:var(--surface)}
.newsletter-signup h2{margin:0 0 .4rem;font-size:1.2rem}
.newsletter-signup p{font-size:.95rem}
.newsletter-signup-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.newsletter-signup-form label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.newsletter-signup-form input[type=email]{flex:1 1 14rem;font:inherit;padding:.55rem .75rem;border:1px solid var(--muted);border-radius:4px;background:var(--bg);color:var(--text)}
.newsletter-signup-form .button{cursor:pointer;font:inherit;font-weight:700}
.tiers{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));margin:1.5rem 0}
.tier{border:1px solid var(--rule);border-top:3px solid var(--accent);padding:1rem 1.25rem;background:var(--surface)}
.tier h2{font-family:var(--serif);margin:0 0 .5rem}
.notice{padding:.6rem .9rem;border-left:4px solid var(--rule);background:var(--surface)}
/* Footer */
.site-footer{border-top:1px solid var(--rule);margin-top:3rem;padding-block:2rem;color:var(--muted);font-size:.9rem}
.site-footer nav ul{display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;list-style:none;margin:0 0 1rem;padding:0}
.error-page{max-width:40rem;margin:3rem auto;text-align:center}
.search-link{display:none}
/* Live blogs: the red Live label, key events, updates newest first, the ended notice */
.live-label{display:inline-block;background:#c8102e;color:#fff;font-weight:700;font-size:.72rem;text-transform:uppercase;letter-spacing:.05em;padding:.1rem .4rem;border-radius:2px;margin-right:.4rem}
.live-lead{font-size:.9rem;margin:.4rem 0 0}.live-ended{font-weight:700;border-left:4px solid #c8102e;padding:.4rem .8rem}
.live-key-events ul{padding-left:1.1rem}.live-updates{list-style:none;padding:0}.live-update{border-top:1px solid var(--rule);padding:1rem 0}.live-update.is-pinned{background:var(--surface);padding-inline:.6rem}
.live-update-meta{display:flex;flex-wrap:wrap;gap:.3rem .8rem;font-size:.9rem}.live-flag{font-weight:700;font-size:.75rem;text-transform:uppercase}.live-key{color:#c8102e}@media (prefers-color-scheme:dark){.live-key{color:#ff8a95}}.live-edited,.live-update-removed{font-size:.85rem;color:var(--muted)}
/* Phones: a compact banner and masthead, so the story's headline stays on the first screen */
@media (max-width:600px){.drive-banner .wrap{padding-block:.5rem;gap:.4rem .75rem}.drive-text span{display:none}.drive-text{font-size:.9rem}.drive-banner .button{padding:.3rem .6rem;font-size:.85rem}.header-search{display:none}.search-link{display:inline}.site-name{font-size:1.4rem}.header-links .button{padding:.3rem .6rem}.site-header .wrap{padding-block:.5rem}}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important;scroll-behavior:auto!important}}
@media print{.drive-banner,.site-header nav,.header-search,.header-links,.site-footer,.cta,.related,.share,.news-feed-column,.skip-link{display:none!important}body{color:#000;background:#fff}.story{max-width:none}a{text-decoration:none}.story-body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em}}
`;

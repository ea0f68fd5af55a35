/** The reader site's stylesheet: system fonts, one accent colour, light and dark. */
export const siteCss = `
:root{--accent:#b3261e;--text:#1c1b1a;--muted:#5c5955;--bg:#fff;--rule:#e4e1dc;--surface:#f6f4f1;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--text);background:var(--bg)}
@media (prefers-color-scheme:dark){:root{--text:#ecebe8;--muted:#b4b0aa;--bg:#141312;--rule:#34312e;--surface:#1f1d1b}}
*{box-sizing:border-box}body{margin:0;line-height:1.5}a{color:inherit}a:hover{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem;z-index:10}
.wrap{max-width:1200px;margin:0 auto;padding:0 1rem}
.site-header{border-bottom:1px solid var(--rule)}.site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding-block:.75rem}
.site-name{font-family:Georgia,"Times New Roman",serif;font-size:1.75rem;font-weight:700;text-decoration:none;margin-right:auto}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}.site-nav a{text-decoration:none;font-weight:600}
.button{display:inline-block;background:var(--accent);color:#fff;padding:.5rem 1rem;border-radius:4px;text-decoration:none;font-weight:700}
.button:hover{color:#fff;filter:brightness(1.1)}
main{padding-block:1.5rem}.home{display:grid;gap:2rem}@media (min-width:900px){.home{grid-template-columns:2fr 1fr}}
.lead h2{font-family:Georgia,serif;font-size:2.2rem;line-height:1.15;margin:.5rem 0}
.card h3{font-family:Georgia,serif;font-size:1.25rem;line-height:1.25;margin:.25rem 0}
.card a,.lead a{text-decoration:none}.dek{color:var(--muted);margin:.25rem 0}
.kicker{color:var(--accent);font-weight:700;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
img{max-width:100%;height:auto;display:block}
.top-stories{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));margin-top:1.5rem}
.news-feed{border-left:1px solid var(--rule);padding-left:1.25rem}.news-feed h2{font-size:1rem;text-transform:uppercase;letter-spacing:.05em}
.news-feed ol{list-style:none;margin:0;padding:0}.news-feed li{padding:.6rem 0;border-bottom:1px solid var(--rule)}
.news-feed time{display:block;color:var(--muted);font-size:.85rem}.news-feed a{text-decoration:none;font-weight:600}
.site-footer{border-top:1px solid var(--rule);margin-top:3rem;padding-block:2rem;color:var(--muted);font-size:.9rem}
.error-page{max-width:40rem;margin:3rem auto;text-align:center}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;

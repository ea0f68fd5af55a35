import { mixWithWhite } from '../../shared/colour-mix.js';

/**
 * The email's stylesheet: the reader site's look (DESIGN.md: hierarchy by size and weight, a serif
 * body, one accent colour for links and buttons) in CSS that mail clients take. It is written as
 * one <style> block and inlined onto the elements by juice; what cannot be inlined (the phone
 * layout and dark mode) stays in the <style> block, with `!important` so it beats inline styles.
 * No CSS variables, shorthand colours or web fonts: many clients drop them.
 */
export const emailColours = {
  text: '#1b1a19',
  muted: '#5a5652',
  background: '#ffffff',
  page: '#f5f2ee',
  rule: '#e3dfd9',
  surface: '#f5f2ee',
  darkText: '#ecebe8',
  darkMuted: '#b7b2ab',
  darkBackground: '#151413',
  darkPage: '#0f0e0d',
  darkRule: '#37332f',
  darkSurface: '#1f1d1b',
} as const;

export const serif = 'Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,serif';
export const sans =
  '-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif';

/** The column's width inside the 600 px container (24 px padding each side). */
export const contentWidth = 552;

/** The site's accent, or the default one: settings validate it, checked again as it goes into CSS. */
export const emailAccent = (accent: string): string =>
  /^#[0-9a-f]{6}$/i.test(accent) ? accent : '#b3261e';

export function emailStyles(accent: string): string {
  const c = emailColours;
  const accentColor = emailAccent(accent);
  const accentOnDark = mixWithWhite(accentColor, 0.55);
  return `
body{margin:0;padding:0;width:100%;background-color:${c.page};color:${c.text};-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}
table{border-collapse:collapse}
img{border:0;outline:none;text-decoration:none}
a{color:${accentColor}}
.preheader{display:none;font-size:1px;line-height:1px;max-height:0;max-width:0;opacity:0;overflow:hidden;mso-hide:all;color:${c.page}}
.wrapper{width:100%;background-color:${c.page}}
.container{width:600px;max-width:600px;background-color:${c.background}}
.topbar{padding:12px 24px;font-family:${sans};font-size:12px;line-height:1.4;color:${c.muted};text-align:right;background-color:${c.page}}
.topbar a{color:${c.muted}}
.header{padding:20px 24px 16px;border-top:4px solid ${accentColor};border-bottom:1px solid ${c.rule};text-align:left}
.site-name{font-family:${serif};font-size:28px;line-height:1.2;font-weight:bold;color:${c.text};text-decoration:none}
.header-image{margin:0 0 8px}
.content{padding:24px 24px 8px;font-family:${serif};font-size:18px;line-height:1.6;color:${c.text}}
.kicker{margin:0 0 6px;font-family:${sans};font-size:12px;line-height:1.4;font-weight:bold;text-transform:uppercase;letter-spacing:1px;color:${accentColor}}
h1{margin:0 0 12px;font-family:${serif};font-size:32px;line-height:1.15;font-weight:bold;color:${c.text}}
h2,h3,h4{font-family:${sans};line-height:1.25;color:${c.text};margin:28px 0 10px}
h2{font-size:22px}
h3{font-size:19px}
h4{font-size:17px}
p{margin:0 0 18px}
ul,ol{margin:0 0 18px;padding:0 0 0 24px}
li{margin:0 0 6px}
li p{margin:0 0 6px}
blockquote{margin:0 0 18px;padding:0 0 0 16px;border-left:3px solid ${c.rule};color:${c.muted}}
code{font-family:Menlo,Consolas,"Courier New",monospace;font-size:15px;background-color:${c.surface};padding:1px 4px}
hr{border:0;border-top:1px solid ${c.rule};margin:24px 0}
.dek{margin:0 0 14px;font-size:20px;line-height:1.4;color:${c.muted}}
.byline{margin:0 0 20px;font-family:${sans};font-size:14px;line-height:1.5;color:${c.muted}}
.figure{margin:0 0 20px}
.caption{margin:8px 0 0;font-family:${sans};font-size:14px;line-height:1.45;color:${c.muted}}
.credit{color:${c.muted};font-size:13px}
.pull-quote{margin:24px 0;padding:14px 0;border-left:0;border-top:3px solid ${accentColor};border-bottom:1px solid ${c.rule};font-size:22px;line-height:1.35;font-weight:bold;color:${c.text}}
.pull-quote p{margin:0 0 8px}
.pull-quote__by{font-family:${sans};font-size:14px;font-weight:normal;color:${c.muted}}
.fact-box,.related-card,.embed-card{margin:0 0 20px;padding:14px 18px;border-left:4px solid ${accentColor};background-color:${c.surface};font-family:${sans};font-size:16px;line-height:1.5}
.fact-box__title,.related-card__label{margin:0 0 6px;font-size:13px;font-weight:bold;text-transform:uppercase;letter-spacing:1px;color:${c.muted}}
.related-card__title{margin:0;font-family:${serif};font-size:19px;font-weight:bold;line-height:1.3}
.related-card__dek{margin:4px 0 0;color:${c.muted}}
.embed-card__link{display:block;color:${c.text};text-decoration:none}
.embed-card__thumbnail{margin:0 0 10px}
.embed-card__title{display:block;font-weight:bold;font-size:17px;color:${c.text}}
.embed-card__meta{display:block;font-size:14px;color:${accentColor};text-decoration:underline}
.paywall{margin:8px 0 20px;padding:20px;background-color:${c.surface};text-align:center;font-family:${sans};font-size:16px}
.paywall p{margin:0 0 14px}
.button-table{margin:0 auto}
.button-cell{border-radius:4px;background-color:${accentColor}}
.button{display:inline-block;padding:12px 22px;font-family:${sans};font-size:16px;line-height:1.2;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:4px}
.intro{margin:0 0 22px;font-size:19px}
.section-heading{margin:28px 0 14px;padding:0 0 6px;border-bottom:1px solid ${c.rule};font-family:${sans};font-size:14px;text-transform:uppercase;letter-spacing:1px;color:${c.text}}
.story{margin:0 0 24px}
.story-title{margin:12px 0 6px;font-family:${serif};font-size:22px;line-height:1.25}
.story-title a{color:${c.text};text-decoration:none}
.story-dek{margin:0;font-size:17px;line-height:1.5;color:${c.muted}}
.briefs{width:100%}
.brief-time{width:84px;padding:10px 12px 10px 0;vertical-align:top;border-top:1px solid ${c.rule};font-family:${sans};font-size:13px;line-height:1.6;font-weight:bold;color:${c.muted};white-space:nowrap}
.brief{padding:10px 0;vertical-align:top;border-top:1px solid ${c.rule};font-size:16px;line-height:1.5}
.brief-title{margin:0 0 4px;font-family:${sans};font-size:17px;font-weight:bold;line-height:1.3}
.brief-title a{color:${c.text};text-decoration:none}
.brief p{margin:0}
.footer{padding:20px 24px 28px;border-top:1px solid ${c.rule};font-family:${sans};font-size:13px;line-height:1.6;color:${c.muted}}
.footer p{margin:0 0 10px}
.footer a{color:${c.muted}}
@media only screen and (max-width:620px){
.container{width:100% !important}
.content,.header,.footer,.topbar{padding-left:16px !important;padding-right:16px !important}
h1{font-size:26px !important}
.content{font-size:17px !important}
.brief-time{width:64px !important}
}
@media (prefers-color-scheme:dark){
body,.wrapper,.topbar{background-color:${c.darkPage} !important}
.container{background-color:${c.darkBackground} !important}
.content,h1,h2,h3,h4,.site-name,.story-title a,.brief-title a,.embed-card__link,.embed-card__title,.pull-quote{color:${c.darkText} !important}
.dek,.byline,.caption,.credit,.story-dek,.brief-time,.footer,.footer a,.topbar a,blockquote,.pull-quote__by,.related-card__dek,.fact-box__title,.related-card__label{color:${c.darkMuted} !important}
.fact-box,.related-card,.embed-card,.paywall,code{background-color:${c.darkSurface} !important}
.header{border-bottom-color:${c.darkRule} !important}
.footer,.brief,.brief-time,hr{border-top-color:${c.darkRule} !important}
a,.kicker,.embed-card__meta{color:${accentOnDark} !important}
.button{color:#ffffff !important}
}
`;
}

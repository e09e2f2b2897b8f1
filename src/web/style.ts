// The page's one style sheet, inline in <style> and allowed by its hash in the CSP: no file to
// fetch, no inline style attribute anywhere (the CSP would refuse them).
import { createHash } from 'node:crypto';

export const PAGE_CSS = `
:root{color-scheme:light;--pro:#2e7d32;--con:#c62828;--neutral:#757575;--muted:#5f6368;--line:#dadce0;--bg:#fafafa}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:#202124;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.25rem;margin:0 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .5rem}
h1,p,li,td,th,figcaption,summary{overflow-wrap:anywhere}
.lang{float:right;margin-left:1rem;font-size:.9rem}
.kicker,.meta,.note,figcaption,footer{color:var(--muted)}
.kicker{margin:0;font-size:.9rem;text-transform:uppercase;letter-spacing:.04em}
.meta{margin:.25rem 0;font-size:.95rem}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
.tally{list-style:none;margin:0;padding:0}
.tally li{display:grid;grid-template-columns:6rem 1fr 6.5rem;gap:.75rem;align-items:center;margin:.35rem 0}
.tally .figure{text-align:right;font-variant-numeric:tabular-nums}
svg{display:block;max-width:100%;height:auto}
svg.chart{width:100%;max-width:44rem}
svg.bar{width:100%;height:1rem}
figure{margin:0}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.side h3{padding-bottom:.25rem;border-bottom:3px solid var(--line)}
.side.pro h3{border-color:var(--pro);color:var(--pro)}
.side.con h3{border-color:var(--con);color:var(--con)}
.arguments{list-style:none;margin:0;padding:0}
.arguments li{border-bottom:1px solid var(--line);padding:.5rem 0}
.arguments li:last-child{border-bottom:0}
.number{font-weight:bold;margin-right:.35rem;color:var(--muted)}
.counts{display:block;font-size:.9rem;color:var(--muted)}
.pro-text{color:var(--pro)}.con-text{color:var(--con)}.neutral-text{color:var(--neutral)}.switch-text{color:#6a1b9a}
table{border-collapse:collapse;width:100%;font-size:.95rem;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
td.n,th.n{text-align:right}
details{margin-top:.75rem}
summary{cursor:pointer;color:#1967d2}
.flows{margin:.25rem 0 0;padding-left:1.25rem;font-size:.95rem}
.downloads{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;margin:0;padding:0}
.downloads a{display:inline-block;padding:.5rem .9rem;border:1px solid #1967d2;border-radius:6px;text-decoration:none}
a{color:#1967d2}
footer{font-size:.85rem;padding-bottom:2rem}
@media (max-width:40rem){
  h1{font-size:1.35rem}
  .sides{grid-template-columns:1fr}
  .tally li{grid-template-columns:4.5rem 1fr 5.5rem;gap:.5rem}
  section{padding:.75rem;margin:.75rem 0}
  header,main,footer{padding:0 .6rem}
}
`
  .trim()
  .replace(/\n\s*/g, '');

/** The CSP source that allows exactly this style sheet. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

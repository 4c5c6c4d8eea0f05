// Writes cvss40-reference-scores.tsv: random CVSS v4.0 vectors (every metric group, fixed seed)
// scored by FIRST's reference calculator code, so the platform's Cvss40 is checked against the
// calculator itself and not against numbers worked out by hand.
//
//   git clone https://github.com/RedHatProductSecurity/cvss-v4-calculator   (the code behind
//   https://www.first.org/cvss/calculator/4.0; commit d1eafe0 was used)
//   node score-cvss40.js <clone>/cvss40.js 3000 > cvss40-reference-scores.tsv
const { CVSS40 } = require(require('path').resolve(process.argv[2]));
const count = Number(process.argv[3] || 3000);

// mulberry32: a small seeded generator, so the file is the same on every run.
let state = 20261206;
function random() {
  state = (state + 0x6D2B79F5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (values) => values[Math.floor(random() * values.length)];

const base = [['AV', 'NALP'], ['AC', 'LH'], ['AT', 'NP'], ['PR', 'NLH'], ['UI', 'NPA'],
  ['VC', 'HLN'], ['VI', 'HLN'], ['VA', 'HLN'], ['SC', 'HLN'], ['SI', 'HLN'], ['SA', 'HLN']];
const optional = [['E', 'XAPU'], ['CR', 'XHML'], ['IR', 'XHML'], ['AR', 'XHML'], ['MAV', 'XNALP'],
  ['MAC', 'XLH'], ['MAT', 'XNP'], ['MPR', 'XNLH'], ['MUI', 'XNPA'], ['MVC', 'XHLN'], ['MVI', 'XHLN'],
  ['MVA', 'XHLN'], ['MSC', 'XHLN'], ['MSI', 'XSHLN'], ['MSA', 'XSHLN'], ['S', 'XNP'], ['AU', 'XNY'],
  ['R', 'XAUI'], ['V', 'XDC'], ['RE', 'XLMH'], ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']]];

console.log('# vector\tscore (FIRST CVSS v4.0 reference calculator, cvss40.js)');
const seen = new Set();
while (seen.size < count) {
  let vector = 'CVSS:4.0';
  for (const [key, values] of base) vector += `/${key}:${pick(values)}`;
  // A third of the vectors are base only; the others carry each optional metric with probability 0.3.
  if (random() > 1 / 3) {
    for (const [key, values] of optional) {
      if (random() < 0.3) vector += `/${key}:${pick(values)}`;
    }
  }
  if (seen.has(vector)) continue;
  seen.add(vector);
  console.log(`${vector}\t${new CVSS40(vector).score.toFixed(1)}`);
}

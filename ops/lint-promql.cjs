// Parses every PromQL expression of the Grafana dashboards and Prometheus rules under ops/
// with Prometheus' own PromQL grammar (@prometheus-io/lezer-promql). Run by ops/lint-dashboards.sh.
'use strict';
const fs = require('fs');
const path = require('path');
const { parser } = require('@prometheus-io/lezer-promql');
const YAML = require('yaml');

const root = path.join(__dirname);
let problems = 0;

function check(file, where, expr) {
  // Grafana replaces these before sending a query; any valid duration stands in for them.
  const promql = expr.replace(/\$__(rate_interval|interval|range)/g, '5m');
  const errors = [];
  parser.parse(promql).iterate({ enter: (node) => { if (node.type.isError) errors.push(node.from); } });
  if (errors.length > 0) {
    problems++;
    console.error(`${file} ${where}: PromQL syntax error at ${errors.join(', ')}: ${expr}`);
  }
  return 1;
}

function dashboardExpressions(node, where, found) {
  if (Array.isArray(node)) {
    node.forEach((child, index) => dashboardExpressions(child, `${where}[${index}]`, found));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'expr' && typeof value === 'string') found.push([`${where}.expr`, value]);
      else dashboardExpressions(value, `${where}.${key}`, found);
    }
  }
  return found;
}

let checked = 0;
for (const file of fs.readdirSync(path.join(root, 'grafana')).filter((name) => name.endsWith('.json'))) {
  const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'grafana', file), 'utf8'));
  for (const [where, expr] of dashboardExpressions(dashboard.panels || [], 'panels', [])) {
    checked += check(`grafana/${file}`, where, expr);
  }
}
for (const file of fs.readdirSync(path.join(root, 'prometheus')).filter((name) => /\.ya?ml$/.test(name))) {
  const rules = YAML.parse(fs.readFileSync(path.join(root, 'prometheus', file), 'utf8'));
  for (const group of rules.groups || []) {
    for (const rule of group.rules || []) {
      const name = rule.alert || rule.record;
      for (const field of rule.alert ? ['alert', 'expr', 'for', 'labels', 'annotations'] : ['record', 'expr']) {
        if (rule[field] === undefined) {
          problems++;
          console.error(`prometheus/${file} ${group.name}/${name}: missing ${field}`);
        }
      }
      checked += check(`prometheus/${file}`, `${group.name}/${name}`, String(rule.expr || ''));
    }
  }
}
if (checked === 0) {
  console.error('No PromQL expression found under ops/');
  process.exit(1);
}
console.log(`${checked} PromQL expressions checked, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);

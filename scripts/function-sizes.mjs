import ts from 'typescript';
import fs from 'node:fs';
import { execSync } from 'node:child_process';
const files = execSync("git ls-files -co --exclude-standard 'src/*.ts' 'src/**/*.ts'", { encoding: 'utf8' }).split('\n').filter((f) => f && !f.includes('generated') && !f.endsWith('.test.ts') && fs.existsSync(f));
const out = [];
for (const f of files) {
  const sf = ts.createSourceFile(f, fs.readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (ts.isFunctionLike(n) && n.body) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line, b = sf.getLineAndCharacterOfPosition(n.end).line;
      // own lines: minus nested function bodies
      let nested = 0;
      const inner = (m) => { if (m !== n && ts.isFunctionLike(m) && m.body) { nested += sf.getLineAndCharacterOfPosition(m.end).line - sf.getLineAndCharacterOfPosition(m.getStart()).line + 1; return; } ts.forEachChild(m, inner); };
      ts.forEachChild(n, inner);
      const name = n.name?.getText?.() ?? (ts.isVariableDeclaration(n.parent) ? n.parent.name.getText() : ts.isPropertyAssignment(n.parent) ? n.parent.name.getText() : '<anon>');
      out.push({ f, name, total: b - a + 1, own: b - a + 1 - nested });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
out.sort((x, y) => y.total - x.total);
for (const o of out.slice(0, +(process.argv[2] ?? 15))) console.log(o.total, o.own, o.f, o.name);

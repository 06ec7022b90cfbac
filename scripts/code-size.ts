/**
 * Prints the longest functions under a folder and the longest files under another, in lines:
 * the figures that say whether screens stay in small parts.
 *
 *   npx tsx scripts/code-size.ts [functionsFolder=src/features] [filesFolder=src] [count=5]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

interface Measured {
  where: string;
  lines: number;
}

function functionsIn(path: string): Measured[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Measured[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      let name = node.name && ts.isIdentifier(node.name) ? node.name.text : '';
      if (!name && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
        name = node.parent.name.text;
      }
      found.push({ where: `${relative(process.cwd(), path)}:${start + 1} ${name || '(anonymous)'}`, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const [functionsFolder = 'src/features', filesFolder = 'src', count = '5'] = process.argv.slice(2);
const top = Number(count);
const functions = sourceFiles(functionsFolder)
  .flatMap(functionsIn)
  .sort((a, b) => b.lines - a.lines)
  .slice(0, top);
const files = sourceFiles(filesFolder)
  .map((path) => ({ where: relative(process.cwd(), path), lines: readFileSync(path, 'utf8').replace(/\n$/, '').split('\n').length }))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, top);
console.log(`Longest functions in ${functionsFolder} (lines):`);
functions.forEach((f) => console.log(`  ${String(f.lines).padStart(5)}  ${f.where}`));
console.log(`Longest files in ${filesFolder} (lines):`);
files.forEach((f) => console.log(`  ${String(f.lines).padStart(5)}  ${f.where}`));

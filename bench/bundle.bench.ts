/**
 * Web part bundle size: builds the production bundle (`gulp bundle --ship`) and prints the gzip
 * size of the first-load chunk and of each chunk loaded on demand. Target: first load ≤ 120 KB.
 */
import { execSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');

export function bundleSizes(): Array<{ file: string; bytes: number; gzip: number; firstLoad: boolean }> {
  return fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((file) => {
      const content = fs.readFileSync(path.join(dist, file));
      return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length, firstLoad: file.startsWith('frontline-visits-web-part') };
    })
    .sort((a, b) => Number(b.firstLoad) - Number(a.firstLoad) || b.gzip - a.gzip);
}

function main(): void {
  // A clean dist, so chunks of earlier builds are not counted.
  fs.rmSync(dist, { recursive: true, force: true });
  execSync('npx gulp bundle --ship', { cwd: root, stdio: 'ignore' });
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  console.log('Web part bundle (gulp bundle --ship)');
  for (const chunk of bundleSizes()) {
    console.log(`  ${chunk.firstLoad ? 'first load' : 'on demand '}  ${kb(chunk.gzip).padStart(9)} gzip  ${kb(chunk.bytes).padStart(9)} raw  ${chunk.file}`);
  }
  const first = bundleSizes()
    .filter((c) => c.firstLoad)
    .reduce((sum, c) => sum + c.gzip, 0);
  console.log(`  first-load total: ${kb(first)} gzip (target ≤ 120 KB)`);
}

main();

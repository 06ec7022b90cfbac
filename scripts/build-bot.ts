/**
 * `npm run build:bot`: the bot as a deployable folder, `dist/bot/`:
 *
 *   main.js        the bot and every library it uses, in one CommonJS file (esbuild)
 *   doctor.js      `npm run doctor` for the host: checks the deployment with the bot's own settings
 *   *.js.map       source maps (stack traces name the TypeScript source with --enable-source-maps)
 *   package.json   `npm start` = `node --enable-source-maps main.js`, `npm run doctor`; no dependencies to install
 *
 * Any Node 22 host runs it with plain `node main.js`: Azure App Service (zip deploy the folder),
 * a container, a VM. Configuration is environment variables only (src/bot/README.md).
 *
 * The bundle is checked as it is built: it must not contain React (the bot renders cards, never
 * components) or the sandbox, and it must need no package at run time except Node's own modules.
 */
import * as fs from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import { build, Metafile } from 'esbuild';

export interface BotBuild {
  outDir: string;
  mainFile: string;
  /** Bytes of main.js. */
  bytes: number;
  /** Every source file and package file in the bundle (esbuild's metafile inputs). */
  inputs: string[];
}

const ROOT = path.join(__dirname, '..');

/** Packages and folders that must never reach the bot's bundle. */
const FORBIDDEN_INPUTS: Array<{ pattern: RegExp; why: string }> = [
  { pattern: /node_modules\/(react|react-dom|@fluentui)\//, why: 'the bot never imports React or Fluent UI' },
  { pattern: /^src\/(sandbox|features|app|webparts)\//, why: 'the bot never contains the sandbox or the web part' },
];

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function checkInputs(metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs);
  const problems: string[] = [];
  for (const input of inputs) {
    for (const rule of FORBIDDEN_INPUTS) {
      if (rule.pattern.test(input)) {
        problems.push(`${input}: ${rule.why}`);
      }
    }
  }
  // Whatever esbuild left as a run-time require must be Node's own: the folder installs nothing.
  for (const output of Object.keys(metafile.outputs)) {
    for (const imported of metafile.outputs[output].imports) {
      if (imported.external && builtinModules.indexOf(imported.path.replace(/^node:/, '')) === -1) {
        problems.push(`${output} requires ${imported.path} at run time: bundle it or make it a Node built-in`);
      }
    }
  }
  if (problems.length) {
    throw new Error(`The bot's bundle contains what it must not:\n  ${problems.join('\n  ')}`);
  }
  return inputs;
}

/** Builds the bot into `outDir` (default dist/bot), replacing what was there. */
export async function buildBot(outDir: string = path.join(ROOT, 'dist', 'bot')): Promise<BotBuild> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const mainFile = path.join(outDir, 'main.js');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: path.join(ROOT, 'src', 'bot', 'main.ts'), doctor: path.join(ROOT, 'scripts', 'doctor.ts') },
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'linked',
  });
  if (result.errors.length) {
    throw new Error(`The bot did not build:\n${result.errors.map((e) => e.text).join('\n')}`);
  }
  const inputs = checkInputs(result.metafile);
  const manifest = {
    name: 'frontline-visits-bot',
    version: packageVersion(),
    private: true,
    description: 'Frontline Visits bot: built by `npm run build:bot`; configured by environment variables (src/bot/README.md).',
    main: 'main.js',
    engines: { node: '>=22.14.0 < 23.0.0' },
    scripts: { start: 'node --enable-source-maps main.js', doctor: 'node doctor.js' },
    dependencies: {},
  };
  fs.writeFileSync(path.join(outDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { outDir, mainFile, bytes: fs.statSync(mainFile).size, inputs };
}

if (require.main === module) {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  buildBot(outDir)
    .then((built) => {
      const relative = path.relative(process.cwd(), built.outDir) || '.';
      console.log(
        `Built the bot into ${relative}/ (main.js ${(built.bytes / 1024 / 1024).toFixed(1)} MB, ${built.inputs.length} source files, no dependencies to install).`,
      );
      console.log(`Run it with: node ${relative}/main.js   (configuration: src/bot/README.md)`);
    })
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}

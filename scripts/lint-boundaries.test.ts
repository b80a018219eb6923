// The architecture's boundaries are lint rules that hold at any depth: a file deep inside a
// folder is held to its folder's rules, because the rules look at where an imported file is,
// not at how the import is spelled. Each case writes a file deep in a folder, lints it as
// `npm run lint` would, and removes it (a real file: the type-aware rules need one on disk).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, test, vi } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });
// The first lint starts TypeScript's project service for the type-aware rules: seconds.
vi.setConfig({ testTimeout: 60_000 });

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const folder = path.join(root, path.dirname(file).split('/').slice(0, 3).join('/'));
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), code);
  try {
    const [result] = await eslint.lintFiles([path.join(root, file)]);
    return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('npm run lint fails on a boundary crossed', () => {
  test.each<[string, string, string]>([
    [
      'the mock backend, three folders deep, importing client state',
      'src/server/lint-probe/b/c/deep.ts',
      "import { useSession } from '../../../../client-state/use-session.ts';\nexport const deep = useSession;\n",
    ],
    [
      'a UI piece, two folders deep, importing the mock backend',
      'src/ui/lint-probe/b/deep.tsx',
      "import { createApiHandler } from '../../../server/handler.ts';\nexport const deep = createApiHandler;\n",
    ],
    [
      'a screen importing the app shell',
      'src/screens/lint-probe/deep.tsx',
      "import { App } from '../../app/App.tsx';\nexport const deep = App;\n",
    ],
    [
      'the domain importing client state',
      'src/paywall/lint-probe/deep.ts',
      "import { useSession } from '../../client-state/use-session.ts';\nexport const deep = useSession;\n",
    ],
    [
      'the production server importing a screen',
      'src/host/lint-probe/deep.ts',
      "import { HomePage } from '../../screens/HomePage.tsx';\nexport const deep = HomePage;\n",
    ],
    [
      'the fixtures package importing the app’s personas',
      'packages/playwright/lint-probe/deep.ts',
      "import { PERSONAS } from '../../../src/paywall/personas.ts';\nexport const deep = PERSONAS;\n",
    ],
    [
      'the example importing the e2e suite’s fixtures',
      'examples/playwright/lint-probe/deep.ts',
      "import { test } from '../../../e2e/fixtures.ts';\nexport const deep = test;\n",
    ],
    [
      'the example reaching into the package’s source instead of importing it by name',
      'examples/playwright/lint-probe/deep.ts',
      "import { faultHeader } from '../../../packages/playwright/src/fault-header.ts';\nexport const deep = faultHeader;\n",
    ],
  ])('%s', async (_name, file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('import-x/no-restricted-paths');
  });

  test.each<[string, string]>([
    ['src/screens/lint-probe/deep.tsx', 'export const mode = process.env.NODE_ENV;\n'],
    ['src/client-state/lint-probe/deep.ts', 'export const here = __dirname;\n'],
    ['src/content/lint-probe/deep.ts', 'export const bytes = Buffer.from("x");\n'],
  ])('Node globals in browser or domain code (%s)', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-globals');
  });

  test('and passes the example importing the package by its name', async () => {
    const code = "import { faultHeader } from '@lede/playwright';\nexport const allowed = faultHeader;\n";
    expect(await ruleIdsFor('examples/playwright/lint-probe/allowed.ts', code)).toEqual([]);
  });

  test('and passes the same import where the architecture allows it', async () => {
    const code = "import { getAccess } from '../../../paywall/access.ts';\nexport const allowed = getAccess;\n";
    expect(await ruleIdsFor('src/server/lint-probe/b/allowed.ts', code)).toEqual([]);
  });
});

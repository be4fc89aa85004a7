import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../../..')
const eslint = new ESLint({ cwd: ROOT })

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('the layering the linter enforces', () => {
  it('refuses electron outside the shell and the preload', async () => {
    expect(await restrictedImports('electron/main/sync/x.ts', "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
    expect(await restrictedImports('renderer/src/x.ts', "import { ipcRenderer } from 'electron'\nexport const a = ipcRenderer\n")).toHaveLength(1)
  })

  it('lets the shell and the preload import electron', async () => {
    expect(await restrictedImports('electron/main/shell/x.ts', "import { app } from 'electron'\nexport const a = app\n")).toEqual([])
    expect(await restrictedImports('electron/preload/x.ts', "import { contextBridge } from 'electron'\nexport const a = contextBridge\n")).toEqual([])
  })

  it('keeps the renderer to the shared contract', async () => {
    const fromMain = "import { createMainCore } from '../../electron/main/core'\nexport const a = createMainCore\n"
    const fromShared = "import type { MainApi } from '../../electron/shared/ipc'\nexport type A = MainApi\n"
    expect(await restrictedImports('renderer/src/x.ts', fromMain)).toHaveLength(1)
    expect(await restrictedImports('renderer/src/x.ts', fromShared)).toEqual([])
  })

  it('keeps main away from IndexedDB', async () => {
    expect(await restrictedImports('electron/main/sync/x.ts', "import Dexie from 'dexie'\nexport const a = Dexie\n")).toHaveLength(1)
  })
})

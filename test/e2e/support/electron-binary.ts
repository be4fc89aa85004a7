import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../../..')

/**
 * The Electron binary, if this machine has it. Found the way node_modules/electron/index.js finds
 * it, but without requiring that module: requiring it downloads the binary when it is missing.
 */
export function electronExecutable(): string | undefined {
  const packageDir = join(ROOT, 'node_modules/electron')
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable) ? executable : undefined
}

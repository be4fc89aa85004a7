/**
 * `npm run dist[:win|:mac|:linux]`: electron-builder over electron-builder.yml, plus what the
 * environment asks for (RELEASE=1 fuses, UPDATE_URL feed: see builder-config.ts). Signing
 * credentials come from the environment too (CSC_LINK, CSC_KEY_PASSWORD, APPLE_*), read by
 * electron-builder itself. Expects `npm run build` to have produced out/.
 */
import { build } from 'electron-builder'
import { builderConfigFor, platformsFromArgs } from './builder-config'

const artifacts = await build({
  ...platformsFromArgs(process.argv.slice(2), process.platform),
  config: builderConfigFor(process.env),
  publish: 'never',
})
for (const artifact of artifacts) console.log(artifact)

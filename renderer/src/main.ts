/**
 * The renderer's entry, kept small so it runs at once: it paints the records screen from the cache
 * (src/first-paint), then starts the app, a chunk of its own. The app chunk is not preloaded: on
 * two cores, loading and compiling its 2.8 MB alongside delayed the first screen (median 361 ms
 * against 283 ms from navigation, 5,000 records) and brought the working list no sooner.
 */
import { dismissFirstScreen, paintFirstScreen } from './first-paint'

void paintFirstScreen()
  .then(() => import('./app'))
  .catch((error: unknown) => {
    // Without the app the picture of it would only mislead.
    dismissFirstScreen()
    throw error
  })

import { isSafeExternalUrl } from './external-url'

/** What the shell does with a navigation or a window.open: never in-app, maybe in the system browser. */
export interface NavigationDecision {
  allowInApp: false
  /** The URL to hand to the system browser, when it passed the external allow-list. */
  openExternally?: string
}

/**
 * The renderer is a single page that never navigates: links in record content (an <a href>, a
 * target=_blank, a middle click) go to the system browser if they are plain web links, and are
 * dropped otherwise. The same rule serves will-navigate and setWindowOpenHandler.
 */
export function decideNavigation(url: string): NavigationDecision {
  return isSafeExternalUrl(url) ? { allowInApp: false, openExternally: url } : { allowInApp: false }
}

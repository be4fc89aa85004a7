import type { SessionManager } from '../session'
import type { MainHandlers } from './dispatch'

export interface HandlerDeps {
  session: SessionManager
}

/** The one handler table for every MainApi call. Plain Node: the shell and the e2e harness both serve it. */
export function createMainHandlers({ session }: HandlerDeps): MainHandlers {
  return {
    getSession: () => session.info(),
    signIn: (request) => session.signIn(request),
    signInDemo: () => session.signInDemo(),
    signOut: () => session.signOut(),
    recordTypes: () => session.client().recordTypes(),
  }
}

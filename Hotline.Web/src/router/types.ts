import type { Role, TicketStatus } from '@/types'
import 'vue-router'

export type MenuIcon = 'Phone' | 'Search' | 'Tickets' | 'Finished' | 'Checked' | 'Back' | 'ChatDotRound' | 'Bell' | 'Setting' | 'OfficeBuilding' | 'Location' | 'Menu' | 'User' | 'Promotion' | 'AlarmClock' | 'Calendar' | 'Timer' | 'List'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the title (menu and page). */
    titleKey?: string
    /** Roles that may open the route; absent = any signed-in user. */
    roles?: readonly Role[]
    /** Shown in the left menu. */
    menu?: boolean
    icon?: MenuIcon
    /** Menu group (i18n key of the group title), e.g. center queues. */
    group?: 'center' | 'admin'
    /** Reachable without signing in. */
    public?: boolean
    /** For the center queue views: which status the queue lists. */
    queueStatus?: TicketStatus
  }
}

export {}

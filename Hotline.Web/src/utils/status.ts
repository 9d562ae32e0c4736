import type { TicketStatus, Urgency } from '@/types'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** The one colour map for ticket statuses, used by every tag in the app. */
export const STATUS_TAG_TYPE: Record<TicketStatus, TagType> = {
  PendingDispatch: 'warning',
  PendingSign: 'warning',
  ReturnRequested: 'danger',
  InProgress: 'primary',
  PendingReview: 'primary',
  PendingVisit: 'primary',
  Closed: 'success',
  Withdrawn: 'info',
  Merged: 'info',
}

/** Tags that are "effect=dark" stand out more: the ones a person must act on first. */
export const STATUS_TAG_EFFECT: Record<TicketStatus, 'dark' | 'light' | 'plain'> = {
  PendingDispatch: 'dark',
  PendingSign: 'light',
  ReturnRequested: 'dark',
  InProgress: 'light',
  PendingReview: 'plain',
  PendingVisit: 'plain',
  Closed: 'light',
  Withdrawn: 'plain',
  Merged: 'plain',
}

export function statusTagType(status: TicketStatus): TagType {
  return STATUS_TAG_TYPE[status]
}

export const URGENCY_TAG_TYPE: Record<Urgency, TagType> = {
  Emergency: 'danger',
  Urgent: 'warning',
  Normal: 'info',
}

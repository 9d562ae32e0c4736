// Enums and DTOs of the HTTP API v1 (docs/API.md). Enums travel as their code names.

export const ROLES = ['Agent', 'Dispatcher', 'Liaison', 'Supervisor', 'WindowStaff', 'Admin'] as const
export type Role = (typeof ROLES)[number]

export const TICKET_STATUSES = [
  'PendingDispatch',
  'PendingSign',
  'ReturnRequested',
  'InProgress',
  'PendingReview',
  'PendingVisit',
  'Closed',
  'Withdrawn',
  'Merged',
] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export const CHANNELS = ['Phone', 'Web', 'WeChat', 'App', 'Email', 'Window', 'Forwarded'] as const
export type Channel = (typeof CHANNELS)[number]

export const APPEAL_TYPES = ['Consultation', 'HelpRequest', 'Complaint', 'Report', 'Suggestion', 'Praise'] as const
export type AppealType = (typeof APPEAL_TYPES)[number]

export const URGENCIES = ['Emergency', 'Urgent', 'Normal'] as const
export type Urgency = (typeof URGENCIES)[number]

export const SATISFACTIONS = ['Satisfied', 'BasicallySatisfied', 'Unsatisfied'] as const
export type Satisfaction = (typeof SATISFACTIONS)[number]

export const DEPARTMENT_KINDS = ['Functional', 'Territorial'] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]

export const AREA_LEVELS = ['District', 'Street', 'Community'] as const
export type AreaLevel = (typeof AREA_LEVELS)[number]

export const ASSIGNMENT_ROLES = ['Lead', 'Assist'] as const
export type AssignmentRole = (typeof ASSIGNMENT_ROLES)[number]

export const SIGN_STATES = ['Pending', 'Signed', 'Returned', 'Withdrawn'] as const
export type SignState = (typeof SIGN_STATES)[number]

export const TICKET_ACTIONS = [
  'Register',
  'AnswerDirectly',
  'Dispatch',
  'Sign',
  'RequestReturn',
  'ApproveReturn',
  'RejectReturn',
  'Reply',
  'ApproveReply',
  'SendBack',
  'RecordVisit',
  'Reopen',
  'Withdraw',
] as const
export type TicketAction = (typeof TICKET_ACTIONS)[number]

/** Actions that are transitions of an existing ticket (POST /api/tickets/{id}/{path}). */
export type TransitionAction = Exclude<TicketAction, 'Register' | 'AnswerDirectly'>

export const OPEN_STATUSES: readonly TicketStatus[] = [
  'PendingDispatch',
  'PendingSign',
  'ReturnRequested',
  'InProgress',
  'PendingReview',
  'PendingVisit',
]

export interface Me {
  id: number
  userName: string
  displayName: string
  role: Role
  departmentId: number | null
  departmentName: string | null
}

export interface LoginRequest {
  userName: string
  password: string
}

export interface Department {
  id: number
  code: string
  name: string
  kind: DepartmentKind
  parentId: number | null
  areaId: number | null
  isActive: boolean
}

export interface Area {
  id: number
  code: string
  name: string
  level: AreaLevel
  parentId: number | null
  isActive: boolean
}

export interface Category {
  id: number
  code: string
  name: string
  parentId: number | null
  sortOrder: number
  isActive: boolean
}

export interface User {
  id: number
  userName: string
  displayName: string
  role: Role
  departmentId: number | null
  /** the seat's phone extension (分机号) of an agent or dispatcher: the screen pop finds them by it */
  extension: string | null
  isActive: boolean
  lockedOut: boolean
}

export interface DepartmentInput {
  code: string
  name: string
  kind: DepartmentKind
  parentId?: number | null
  areaId?: number | null
}

export interface AreaInput {
  code: string
  name: string
  level: AreaLevel
  parentId?: number | null
}

export interface CategoryInput {
  code: string
  name: string
  parentId?: number | null
  sortOrder: number
}

export interface CreateUserInput {
  userName: string
  displayName: string
  role: Role
  departmentId?: number | null
  password: string
  extension?: string | null
}

export interface UpdateUserInput {
  displayName: string
  role: Role
  departmentId?: number | null
  password?: string
  /** null or empty frees the seat */
  extension?: string | null
}

export interface TicketSummary {
  id: number
  number: string
  status: TicketStatus
  channel: Channel
  appealType: AppealType
  urgency: Urgency
  categoryId: number
  categoryName: string | null
  areaId: number | null
  areaName: string | null
  title: string
  leadDepartmentId: number | null
  leadDepartmentName: string | null
  createdUtc: string
  updatedUtc: string
  dispatchedUtc: string | null
  version: number
}

export interface Assignment {
  id: number
  departmentId: number
  departmentName: string
  role: AssignmentRole
  signState: SignState
  isActive: boolean
  assignedUtc: string
  signedUtc: string | null
}

export interface TicketEvent {
  id: number
  action: TicketAction
  fromStatus: TicketStatus | null
  /** null on an escalation (催办, 督办, a deadline alert): it is on the timeline but changes no status */
  toStatus: TicketStatus | null
  actorUserId: number | null
  actorName: string | null
  actorRole: Role | null
  departmentId: number | null
  departmentName: string | null
  reason: string | null
  detail: Record<string, unknown> | null
  occurredUtc: string
}

export interface TicketDetail extends TicketSummary {
  address: string | null
  content: string
  callerName: string | null
  callerPhone: string | null
  isConfidential: boolean
  callId: string | null
  answer: string | null
  replyResult: string | null
  replyResolved: boolean | null
  satisfaction: Satisfaction | null
  visitResolved: boolean | null
  visitComment: string | null
  repliedUtc: string | null
  closedUtc: string | null
  createdByUserId: number | null
  returnCount: number
  assignments: Assignment[]
  events: TicketEvent[]
  allowedActions: TicketAction[]
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export type TicketSort = 'createdUtc' | 'updatedUtc' | 'number' | 'status' | 'urgency'

export interface TicketQuery {
  status?: TicketStatus[]
  departmentId?: number
  appealType?: AppealType
  urgency?: Urgency
  channel?: Channel
  from?: string
  to?: string
  number?: string
  q?: string
  page?: number
  pageSize?: number
  sort?: TicketSort
  desc?: boolean
  /** Only tickets with an extension request waiting for the center (延期审核). */
  pendingExtension?: boolean
}

export interface DispatchInput {
  leadDepartmentId: number
  assistDepartmentIds: number[]
  note?: string
}

export interface RegisterTicket {
  channel: Channel
  callerPhone?: string
  callerName?: string
  appealType: AppealType
  urgency: Urgency
  categoryId: number
  areaId?: number
  address?: string
  title: string
  content: string
  isConfidential: boolean
  callId?: string
  dispatch?: DispatchInput
}

export type AnswerDirectly = Omit<RegisterTicket, 'dispatch'> & { answer: string }

/** Request bodies of the transitions, keyed by action. */
export interface TransitionBodies {
  Dispatch: { version: number; leadDepartmentId: number; assistDepartmentIds: number[]; note?: string }
  Sign: { version: number }
  RequestReturn: { version: number; reason: string }
  ApproveReturn: { version: number; leadDepartmentId: number; assistDepartmentIds: number[]; note?: string }
  RejectReturn: { version: number; reason: string }
  Reply: { version: number; result: string; resolved: boolean }
  ApproveReply: { version: number; note?: string }
  SendBack: { version: number; reason: string }
  RecordVisit: { version: number; satisfaction: Satisfaction; resolved: boolean; comment?: string; reopen: boolean }
  Reopen: { version: number; reason: string }
  Withdraw: { version: number; reason: string }
}

// ---- Routing: the responsibility list (责任清单), docs/API.md "Routing" ------------------------------

export const RULE_CONDITIONS = ['Category', 'Area', 'AppealType', 'Channel', 'Keywords', 'ExcludedKeywords', 'EffectiveDates', 'CatchAll'] as const
export type RuleCondition = (typeof RULE_CONDITIONS)[number]

export const LOSS_REASONS = ['NoTerritorialUnit', 'LeadInactive', 'LessSpecificArea', 'LessSpecificCategory', 'FewerConditions', 'LowerPriority', 'LaterRule'] as const
export type LossReason = (typeof LOSS_REASONS)[number]

export interface RoutingRule {
  id: number
  /** 0 is the draft. */
  version: number
  ruleNo: number
  name: string
  categoryId: number | null
  categoryName: string | null
  areaId: number | null
  areaName: string | null
  appealType: AppealType | null
  channel: Channel | null
  keywords: string[]
  excludedKeywords: string[]
  leadDepartmentId: number | null
  leadDepartmentName: string | null
  leadTerritorial: boolean
  assistDepartmentIds: number[]
  assistDepartmentNames: string[]
  assistTerritorial: boolean
  priority: number
  effectiveFromUtc: string | null
  effectiveToUtc: string | null
  updatedUtc: string
}

export interface SaveRoutingRule {
  name: string
  categoryId: number | null
  areaId: number | null
  appealType: AppealType | null
  channel: Channel | null
  keywords: string[]
  excludedKeywords: string[]
  leadDepartmentId: number | null
  leadTerritorial: boolean
  assistDepartmentIds: number[]
  assistTerritorial: boolean
  priority: number
  effectiveFromUtc: string | null
  effectiveToUtc: string | null
}

export interface RoutingInput {
  categoryId?: number | null
  areaId?: number | null
  appealType?: AppealType | null
  channel?: Channel | null
  title?: string
  content?: string
}

export interface MatchReason {
  condition: RuleCondition
  text: string
}

export interface RuleVerdict {
  ruleNo: number
  name: string
  leadDepartmentName: string | null
  reason: LossReason
  text: string
}

export interface RoutingDecision {
  outcome: 'Matched' | 'NoRule'
  /** The published version decided by; null for the draft or when nothing is published. */
  version: number | null
  draft: boolean
  ruleId: number | null
  ruleNo: number | null
  ruleName: string | null
  leadDepartmentId: number | null
  leadDepartmentName: string | null
  assistDepartments: { id: number; name: string }[]
  summary: string
  why: MatchReason[]
  others: RuleVerdict[]
  decidedUtc: string
  autoDispatched: boolean | null
}

export interface TicketRouting {
  ticketId: number
  version: number | null
  ruleId: number | null
  ruleNo: number | null
  autoDispatched: boolean
  decision: RoutingDecision | null
}

export interface RoutingRuleList {
  version: number | null
  draft: boolean
  latestVersion: number | null
  draftChanged: boolean
  rules: RoutingRule[]
}

export interface RoutingRuleQuery {
  version?: number
  categoryId?: number
  areaId?: number
  departmentId?: number
  appealType?: AppealType
  channel?: Channel
  q?: string
}

export interface RoutingListVersion {
  version: number
  ruleCount: number
  note: string | null
  publishedByUserId: number | null
  publishedByName: string | null
  publishedUtc: string
}

export interface RuleFromTicket {
  ticketId: number
  leadDepartmentId: number
  assistDepartmentIds: number[]
  name?: string
  matchArea?: boolean
  matchAppealType?: boolean
}

export interface ReturnReason {
  ticketId: number
  departmentId: number | null
  departmentName: string | null
  reason: string | null
  occurredUtc: string
}

export interface RuleReturnStats {
  ruleNo: number
  ruleName: string
  ticketsRouted: number
  returns: number
  returnedTickets: number
  returnRate: number
  recentReturns: ReturnReason[]
}

// ---- Deadlines (issue 5): clocks, extensions, escalations, calendar, policies ----

/** The extension actions; TicketAction itself stays the lifecycle list, these are transitions too. */
export const EXTENSION_ACTIONS = ['RequestExtension', 'ApproveExtension', 'RejectExtension'] as const
export type ExtensionAction = (typeof EXTENSION_ACTIONS)[number]

/** System timeline events written by the deadline sweep (actor 系统). */
export const SYSTEM_ACTIONS = ['Escalate', 'Urge', 'Supervise'] as const
export type SystemAction = (typeof SYSTEM_ACTIONS)[number]

/** The deadline fields every ticket (summary and detail) carries. */
export interface DeadlineClocksFields {
  signDueUtc?: string | null
  signWarnUtc?: string | null
  handleDueUtc?: string | null
  handleWarnUtc?: string | null
  visitDueUtc?: string | null
  visitWarnUtc?: string | null
  deadlineEstimated?: boolean
}

export const CLOCK_KINDS = ['Sign', 'Handle', 'Visit'] as const
export type ClockKind = (typeof CLOCK_KINDS)[number]

export const EXTENSION_STATUSES = ['Pending', 'Approved', 'Rejected'] as const
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number]

export interface ExtensionView {
  id: number
  departmentId: number
  departmentName: string | null
  requestedByName: string | null
  workingDays: number
  reason: string
  status: ExtensionStatus
  requestedUtc: string
  decidedByName: string | null
  decidedUtc: string | null
  decisionReason: string | null
  oldDueUtc: string
  newDueUtc: string | null
}

/** What the detail adds for deadlines. */
export interface TicketDeadlineDetail extends DeadlineClocksFields {
  policyId?: number | null
  extensions?: ExtensionView[]
}

export interface ExtensionBodies {
  RequestExtension: { version: number; reason: string; workingDays: number }
  ApproveExtension: { version: number; note?: string }
  RejectExtension: { version: number; reason: string }
}

export const ESCALATION_KINDS = ['Sign', 'Handle', 'Visit', 'Calendar', 'Window', 'Repeat', 'Difficult'] as const
export type EscalationKind = (typeof ESCALATION_KINDS)[number]

export const ESCALATION_LEVELS = ['Yellow', 'Red', 'Supervise'] as const
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]

export interface EscalationView {
  id: number
  /** Null when the escalation is about a window case (kind Window): then ticketNumber/ticketTitle are the case's. */
  ticketId: number | null
  ticketNumber: string
  ticketTitle: string
  ticketStatus: TicketStatus | null
  windowCaseId?: number | null
  windowCaseNumber?: string | null
  windowCaseStatus?: string | null
  kind: EscalationKind
  level: EscalationLevel
  departmentId: number | null
  departmentName: string | null
  dueUtc: string
  raisedUtc: string
  acknowledgedByUserId: number | null
  acknowledgedByName: string | null
  acknowledgedUtc: string | null
  clearedUtc: string | null
}

export interface EscalationQuery {
  /** true: still open (the default), false: cleared, 'any': both. */
  open?: boolean | 'any'
  kind?: EscalationKind
  level?: EscalationLevel
  departmentId?: number
  acknowledged?: boolean
  page?: number
  pageSize?: number
}

export interface CalendarDay {
  /** yyyy-MM-dd */
  date: string
  isWorkingDay: boolean
  note: string | null
}

export interface CalendarYear {
  year: number
  exists: boolean
  source: string | null
  days: CalendarDay[]
}

export interface WorkingDaysAnswer {
  fromUtc: string
  days: number
  dueUtc: string
  estimated: boolean
}

export interface WorkingDaysBetweenAnswer {
  fromUtc: string
  toUtc: string
  workingDays: number
  estimated: boolean
}

export const LIMIT_UNITS = ['Minutes', 'WorkingDays'] as const
export type LimitUnit = (typeof LIMIT_UNITS)[number]

export interface DeadlinePolicy {
  id: number
  appealType: AppealType | null
  urgency: Urgency
  signValue: number
  signUnit: LimitUnit
  handleValue: number
  handleUnit: LimitUnit
  visitValue: number
  visitUnit: LimitUnit
  effectiveFromUtc: string
  effectiveToUtc: string | null
}

export interface Limit {
  value: number
  unit: LimitUnit
}

export interface SavePolicy {
  appealType: AppealType | null
  urgency: Urgency
  sign: Limit
  handle: Limit
  visit: Limit
  effectiveFromUtc?: string
}

/** Every transition the API accepts: the lifecycle plus the extension actions. */
export type TicketCommand = TransitionAction | ExtensionAction

// The deadline fields, merged into the ticket DTOs and the transition bodies declared above.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TicketSummary extends DeadlineClocksFields {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TicketDetail extends TicketDeadlineDetail {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TransitionBodies extends ExtensionBodies {}

// ---- The "办不成事" window (issue 8) ----
export const WINDOW_CASE_STATUSES = ['Registered', 'Handling', 'PendingVisit', 'Closed', 'OutOfScope'] as const
export type WindowCaseStatus = (typeof WINDOW_CASE_STATUSES)[number]
export const WINDOW_CAUSES = ['Materials', 'PolicyUnclear', 'MultiDepartment', 'SystemFailure', 'Conduct', 'Overdue', 'Other'] as const
export type WindowCause = (typeof WINDOW_CAUSES)[number]
export const OUT_OF_SCOPE_KINDS = ['Litigation', 'Petition', 'ContraryToPolicy'] as const
export type OutOfScopeKind = (typeof OUT_OF_SCOPE_KINDS)[number]
export const WINDOW_MODES = ['OnTheSpot', 'Department', 'JointReview', 'Leadership'] as const
export type WindowMode = (typeof WINDOW_MODES)[number]
export const WINDOW_NOTE_KINDS = ['Call', 'Meeting', 'Note'] as const
export type WindowNoteKind = (typeof WINDOW_NOTE_KINDS)[number]
export type WindowLogKind = 'Intake' | 'OutOfScope' | 'Forwarded' | 'Handle' | WindowNoteKind | 'Reply' | 'Visit' | 'Escalate'
export type WindowCaseAction = 'handle' | 'escalate' | 'log' | 'reply' | 'visit'

export interface WindowIntake {
  applicantName: string
  applicantPhone: string
  serviceItemName: string
  serviceItemCode?: string
  failedHall?: string
  failedWindow?: string
  failedDepartmentId?: number | null
  failedStaff?: string
  failedUtc: string
  cause: WindowCause | null
  description: string
  request: string
  outOfScope?: { kind: OutOfScopeKind | null; reason: string; referral: string } | null
}

export interface WindowCaseSummary {
  id: number
  number: string
  status: WindowCaseStatus
  applicantName: string
  applicantPhone: string | null
  serviceItemName: string
  serviceItemCode: string | null
  failedHall: string | null
  failedWindow: string | null
  failedDepartmentId: number | null
  failedDepartmentName: string | null
  failedStaff: string | null
  failedUtc: string
  cause: WindowCause
  mode: WindowMode | null
  leadDepartmentId: number | null
  leadDepartmentName: string | null
  ticketId: number | null
  ticketNumber: string | null
  ticketStatus: TicketStatus | null
  sourceTicketId: number | null
  sourceTicketNumber: string | null
  dueUtc: string | null
  warnUtc: string | null
  deadlineEstimated: boolean
  outOfScopeKind: OutOfScopeKind | null
  satisfaction: Satisfaction | null
  fixMade: boolean | null
  createdByUserId: number
  createdByName: string | null
  createdUtc: string
  updatedUtc: string
  repliedUtc: string | null
  closedUtc: string | null
  version: number
}

export interface WindowLogEntry {
  id: number
  kind: WindowLogKind
  content: string | null
  fromStatus: WindowCaseStatus | null
  toStatus: WindowCaseStatus
  actorUserId: number
  actorName: string | null
  occurredUtc: string
}

export interface WindowCaseDetail extends WindowCaseSummary {
  description: string
  request: string
  outOfScopeReason: string | null
  referral: string | null
  handlingStartedUtc: string | null
  decision: string | null
  replyContent: string | null
  visitResolved: boolean | null
  visitComment: string | null
  visitedUtc: string | null
  fixDescription: string | null
  fixBy: string | null
  log: WindowLogEntry[]
  ticket: TicketDetail | null
  allowedActions: WindowCaseAction[]
}

export interface WindowCaseQuery {
  status?: WindowCaseStatus[]
  cause?: WindowCause
  mode?: WindowMode
  departmentId?: number
  serviceItem?: string
  from?: string
  to?: string
  q?: string
  mine?: boolean
  fixMade?: boolean
  overdue?: boolean
  page?: number
  pageSize?: number
}

// ---- Repeat complaints (issue 7): candidates at intake, clusters, merge (并单) ------------------------------------------

/** Events of repeat complaints on the timeline: an appeal attached at intake (on the master), merge and un-merge. */
export const REPEAT_ACTIONS = ['Link', 'Merge', 'Unmerge'] as const
export type RepeatAction = (typeof REPEAT_ACTIONS)[number]

export const REPEAT_REASONS = ['SameCaller', 'SameCategory', 'SameAddress', 'SameArea', 'SimilarText'] as const
export type RepeatReason = (typeof REPEAT_REASONS)[number]

export interface CandidateReason {
  code: RepeatReason
  value: number | null
}

export interface CandidateQuery {
  callerPhone?: string
  categoryId?: number
  areaId?: number
  address?: string
  title?: string
  content?: string
}

export interface RepeatCandidate {
  ticketId: number
  number: string
  status: TicketStatus
  title: string
  content: string | null
  categoryName: string | null
  areaName: string | null
  address: string | null
  leadDepartmentName: string | null
  satisfaction: Satisfaction | null
  createdUtc: string
  masterTicketId: number | null
  score: number
  reasons: CandidateReason[]
  canAttach: boolean
}

export type RepeatLinkMode = 'Child' | 'Related'

export interface RepeatLinkRequest {
  ticketId: number
  mode: RepeatLinkMode
  score?: number
  reasons?: CandidateReason[]
}

export interface RegisterTicket {
  /** Attach to an open ticket as a child (no dispatch), or register as new with the link recorded. */
  link?: RepeatLinkRequest
}

/** A ticket in a caller's history: outcome, satisfaction and repeat facts. */
export interface CallerTicket extends TicketSummary {
  replyResolved: boolean | null
  replyResult: string | null
  satisfaction: Satisfaction | null
  visitResolved: boolean | null
  masterTicketId: number | null
  isDifficult: boolean
  unsatisfiedVisits: number
}

export type ClusterKind = 'Caller' | 'Place'

export interface ClusterSummary {
  id: number
  kind: ClusterKind
  categoryId: number
  categoryName: string | null
  areaId: number | null
  areaName: string | null
  addressKey: string | null
  callerPhone: string | null
  size: number
  matters: number
  openCount: number
  unsatisfied: number
  firstUtc: string
  lastUtc: string
  warnedUtc: string | null
  anchorTicketId: number
  anchorNumber: string | null
  anchorTitle: string | null
  departments: string[]
}

export interface ClusterMember {
  ticketId: number
  number: string
  status: TicketStatus
  title: string
  callerPhone: string | null
  address: string | null
  areaName: string | null
  leadDepartmentName: string | null
  replyResolved: boolean | null
  replyResult: string | null
  satisfaction: Satisfaction | null
  unsatisfiedVisits: number
  isDifficult: boolean
  masterTicketId: number | null
  createdUtc: string
  joinedUtc: string
  evidence: { matchedTicketId: number; score: number; reasons: CandidateReason[] } | null
}

export interface ClusterDetail {
  cluster: ClusterSummary
  members: ClusterMember[]
}

export interface ClusterQuery {
  kind?: ClusterKind
  from?: string
  to?: string
  minSize?: number
  page?: number
  pageSize?: number
}

export interface WindowTicketLink {
  id: number
  number: string
  status: WindowCaseStatus
  link: 'Source' | 'Handling'
  mode: WindowMode | null
}

export interface WindowFigureCount {
  key: string
  name: string
  count: number
  fixed: number
}

export interface WindowFigures {
  fromUtc: string | null
  toUtc: string | null
  total: number
  outOfScope: number
  open: number
  closed: number
  overdue: number
  fixMade: number
  fixShare: number
  byCause: WindowFigureCount[]
  byDepartment: WindowFigureCount[]
  byServiceItem: WindowFigureCount[]
  byMode: WindowFigureCount[]
}
export type WindowCasePage = Page<WindowCaseSummary>
export interface RepeatFigures {
  fromUtc: string
  toUtc: string
  appeals: number
  matters: number
  children: number
  clustersActive: number
  repeatAppeals: number
}

export interface ChildAppeal {
  ticketId: number
  number: string
  status: TicketStatus
  title: string
  content: string
  callerName: string | null
  callerPhone: string | null
  appealType: AppealType
  satisfaction: Satisfaction | null
  createdUtc: string
}

export type TicketLinkKind = 'Child' | 'Related' | 'Merged' | 'Unmerged'

export interface TicketLinkView {
  id: number
  ticketId: number
  ticketNumber: string | null
  linkedTicketId: number
  linkedNumber: string | null
  kind: TicketLinkKind
  score: number | null
  reason: string | null
  createdByName: string | null
  createdUtc: string
}

export interface TicketRepeatInfo {
  ticketId: number
  masterTicketId: number | null
  masterNumber: string | null
  isDifficult: boolean
  unsatisfiedVisits: number
  children: ChildAppeal[]
  links: TicketLinkView[]
  clusterIds: number[]
}

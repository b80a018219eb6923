// Everything about an account that no first view needs, downloaded together as one chunk (see
// pages.ts): the account page, creating an account, the plans, the ways into an account besides the
// password (sign-in/), and what few readers see: the gift panel, a gift link's note, the notice of
// a subscription about to change, a test sandbox that has ended, where a reader stands with a meter.
// The testers' lab (lab/) is a chunk of its own, so a metered reader does not download it.
export { AccountRoutes } from './sign-in/AccountRoutes.tsx';
export { InboxPage } from './sign-in/InboxPage.tsx';
export { JoinPage } from './JoinPage.tsx';
export { SubscribePage } from './SubscribePage.tsx';
export { GiftArticle } from './GiftArticle.tsx';
export { GiftNote } from './GiftNote.tsx';
export { SubscriptionNotice } from './SubscriptionNotice.tsx';
export { SandboxEndedAlert } from './SandboxEnded.tsx';
export { MeterStatus } from './MeterStatus.tsx';

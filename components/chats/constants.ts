/** Chats per list page and messages per history page. */
export const LIST_PAGE = 40;
export const THREAD_PAGE = 50;

/** The seeded demo page (domain/seed/seed-demo.ts): the demo control shows only while it is connected. */
export const DEMO_PAGE_ID = '100000000000001';
